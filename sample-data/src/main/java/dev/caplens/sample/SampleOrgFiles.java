package dev.caplens.sample;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Generates every committed file under {@code sample-org/} from {@link SampleOrganisation}: for
 * each snapshot time and each scope (account x region) the complete reply of each API call.
 * Request ids are derived from the file path so that regenerating is byte-for-byte stable.
 */
public final class SampleOrgFiles {

  private SampleOrgFiles() {}

  /** Relative path under {@code sample-org/} to file content, in path order. */
  public static SortedMap<String, String> render(SampleOrganisation org) {
    SortedMap<String, String> files = new TreeMap<>();
    files.put(SampleOrgLayout.PRICES, pricesCsv(org.prices()));
    for (Instant t : org.snapshotTimes()) {
      for (AwsAccount account : org.awsAccounts()) {
        for (String region : org.awsRegions()) {
          ec2Scope(files, org, t, account.id(), region);
          outpostsScope(files, org, t, account.id(), region);
        }
      }
      for (AliyunAccount account : org.aliyunAccounts()) {
        if (account.accessKeyId() == null) {
          continue;
        }
        for (String region : org.aliyunRegions()) {
          ecsScope(files, org, t, account.id(), region);
        }
      }
    }
    return files;
  }

  /** A prices file (DESIGN.md "Prices file") holding {@code prices}. */
  public static String pricesCsv(List<Price> prices) {
    StringBuilder csv = new StringBuilder("provider,region,instance_type,platform,pricing_model,hourly_rate,currency\n");
    for (Price price : prices) {
      csv.append(String.join(",", price.provider(), price.region(), price.instanceType(), price.platform(),
          price.pricingModel(), price.hourlyRate().toPlainString(), price.currency())).append('\n');
    }
    return csv.toString();
  }

  private static void ec2Scope(SortedMap<String, String> files, SampleOrganisation org, Instant t,
      String accountId, String region) {
    var reservations = org.capacityReservations(t, accountId, region);
    String path = SampleOrgLayout.ec2(t, accountId, region, "DescribeCapacityReservations");
    files.put(path, Ec2Responses.describeCapacityReservations(requestId(path), reservations));
    for (ReservationObservation observation : reservations) {
      path = SampleOrgLayout.ec2(t, accountId, region, "GetCapacityReservationUsage", observation.reservation().id());
      files.put(path, Ec2Responses.getCapacityReservationUsage(requestId(path), observation));
    }
    path = SampleOrgLayout.ec2(t, accountId, region, "DescribeCapacityBlocks");
    files.put(path, Ec2Responses.describeCapacityBlocks(requestId(path), org.capacityBlocks(t, accountId, region)));
  }

  private static void outpostsScope(SortedMap<String, String> files, SampleOrganisation org, Instant t,
      String accountId, String region) {
    var outposts = org.outposts(accountId, region);
    files.put(SampleOrgLayout.outposts(t, accountId, region, "ListOutposts"), OutpostsResponses.listOutposts(outposts));
    for (Outpost outpost : outposts) {
      files.put(SampleOrgLayout.outposts(t, accountId, region, "ListAssets", outpost.id()),
          OutpostsResponses.listAssets(org.outpostAssets(t, outpost.id())));
      files.put(SampleOrgLayout.outposts(t, accountId, region, "ListAssetInstances", outpost.id()),
          OutpostsResponses.listAssetInstances(org.assetInstances(t, outpost.id())));
    }
    var tasks = org.capacityTasks(t, accountId, region);
    files.put(SampleOrgLayout.outposts(t, accountId, region, "ListCapacityTasks"), OutpostsResponses.listCapacityTasks(tasks));
    for (CapacityTask task : tasks) {
      files.put(SampleOrgLayout.outposts(t, accountId, region, "GetCapacityTask", task.id()),
          OutpostsResponses.getCapacityTask(task));
    }
  }

  private static void ecsScope(SortedMap<String, String> files, SampleOrganisation org, Instant t,
      String accountId, String region) {
    var pools = org.privatePools(t, accountId, region);
    String path = SampleOrgLayout.ecs(t, accountId, region, "DescribeCapacityReservations");
    files.put(path, AliyunResponses.describeCapacityReservations(aliyunRequestId(path), pools));
    for (PrivatePool pool : pools) {
      path = SampleOrgLayout.ecs(t, accountId, region, "DescribeCapacityReservationInstances", pool.id());
      files.put(path, AliyunResponses.describeCapacityReservationInstances(aliyunRequestId(path), org.poolInstanceIds(pool)));
    }
  }

  private static String requestId(String path) {
    return UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String aliyunRequestId(String path) {
    return requestId(path).toUpperCase(Locale.ROOT);
  }
}
