package dev.caplens.ingest.prices;

import com.aliyun.ecs20140526.models.DescribePriceResponseBody;
import com.aliyun.ecs20140526.models.DescribePriceResponseBody.DescribePriceResponseBodyPriceInfoPrice;
import com.aliyun.ecs20140526.models.DescribePriceResponseBody.DescribePriceResponseBodyPriceInfoPriceDetailInfosDetailInfo;
import java.math.BigDecimal;

/**
 * A DescribePrice reply to the instance's own hourly rate. DescribePrice prices an instance with a
 * default system disk; the disk is billed apart from a private pool, so the rate is the TradePrice
 * (after discounts) of the {@code instanceType} detail, and PriceInfo.Price.TradePrice only when the
 * reply has no details.
 */
public final class AliyunPriceRows {

  static final String INSTANCE_RESOURCE = "instanceType";

  private AliyunPriceRows() {}

  public static ListPrice instanceHourly(PriceQuery query, DescribePriceResponseBody body) {
    DescribePriceResponseBodyPriceInfoPrice price = body == null || body.getPriceInfo() == null
        ? null : body.getPriceInfo().getPrice();
    if (price == null) {
      throw new PriceLookupException(query + ": DescribePrice reply has no PriceInfo.Price");
    }
    if (price.getCurrency() == null || price.getCurrency().isBlank()) {
      throw new PriceLookupException(query + ": DescribePrice reply has no Currency");
    }
    Float tradePrice = instanceDetail(price) != null ? instanceDetail(price).getTradePrice() : price.getTradePrice();
    if (tradePrice == null || tradePrice < 0 || tradePrice.isNaN() || tradePrice.isInfinite()) {
      throw new PriceLookupException(query + ": DescribePrice reply has TradePrice " + tradePrice);
    }
    // The SDK models prices as Float; its shortest decimal spelling is the number on the wire.
    return new ListPrice("aliyun", query, new BigDecimal(Float.toString(tradePrice)), price.getCurrency());
  }

  private static DescribePriceResponseBodyPriceInfoPriceDetailInfosDetailInfo instanceDetail(
      DescribePriceResponseBodyPriceInfoPrice price) {
    if (price.getDetailInfos() == null || price.getDetailInfos().getDetailInfo() == null) {
      return null;
    }
    return price.getDetailInfos().getDetailInfo().stream()
        .filter(d -> INSTANCE_RESOURCE.equals(d.getResource()))
        .findFirst().orElse(null);
  }
}
