package dev.caplens.ingest.prices;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.DescribePriceRequest;
import com.aliyun.ecs20140526.models.DescribePriceResponseBody;
import com.aliyun.tea.TeaException;
import dev.caplens.ingest.aliyun.AliyunClientFactory;
import dev.caplens.ingest.aliyun.AliyunRetry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Alibaba ECS pay-as-you-go rates from DescribePrice (ResourceType instance, PriceUnit Hour), one
 * call per region, instance type and platform, retried like the ingest (per-minute quotas).
 */
public final class AliyunPriceSource implements PriceSource {

  /** DescribePrice's answer for an instance type it does not sell in the region. */
  static final String NOT_SOLD = "InvalidInstanceType.ValueNotSupported";

  private final AliyunClientFactory clients;
  private final AliyunRetry retry;
  private final Map<String, Client> clientsByRegion = new HashMap<>();

  public AliyunPriceSource(AliyunClientFactory clients, AliyunRetry retry) {
    this.clients = clients;
    this.retry = retry;
  }

  @Override
  public String provider() {
    return "aliyun";
  }

  @Override
  public Optional<ListPrice> onDemandHourly(PriceQuery query) {
    Client ecs = clientsByRegion.computeIfAbsent(query.region(), clients::ecs);
    DescribePriceRequest request = request(query);
    DescribePriceResponseBody body;
    try {
      body = retry.call(() -> ecs.describePrice(request).getBody());
    } catch (TeaException e) {
      if (NOT_SOLD.equals(e.getCode())) {
        return Optional.empty();
      }
      throw new PriceLookupException(query + ": DescribePrice failed: " + e.getCode() + " (HTTP "
          + e.getStatusCode() + "): " + e.getMessage(), e);
    } catch (Exception e) {
      throw new PriceLookupException(query + ": DescribePrice failed: " + e.getMessage(), e);
    }
    return Optional.of(AliyunPriceRows.instanceHourly(query, body));
  }

  static DescribePriceRequest request(PriceQuery query) {
    DescribePriceRequest request = new DescribePriceRequest()
        .setRegionId(query.region())
        .setResourceType("instance")
        .setInstanceType(query.instanceType())
        .setPriceUnit("Hour");
    if (query.platform() != null && !query.platform().equals("*")) {
      request.setPlatform(query.platform().toLowerCase(Locale.ROOT));
    }
    return request;
  }
}
