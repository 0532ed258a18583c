package dev.caplens.sample;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Generates every committed file under {@code sample-org/} from {@link SampleOrganisation}: for
 * each snapshot time and each scope (account x region) the complete reply of each API call. The
 * per-scope functions also render a generated fleet's replies for the sample server.
 * Request ids are derived from the file path so that regenerating is byte-for-byte stable.
 */
public final class SampleOrgFiles {

  private SampleOrgFiles() {}

  /** Relative path under {@code sample-org/} to file content, in path order. */
  public static SortedMap<String, String> render(SampleOrganisation org) {
    SortedMap<String, String> files = new TreeMap<>();
    files.put(SampleOrgLayout.PRICES, pricesCsv(org.prices()));
    BiConsumer<String, Supplier<String>> put = (path, reply) -> files.put(path, reply.get());
    for (Instant t : org.snapshotTimes()) {
      for (AwsAccount account : org.awsAccounts()) {
        for (String region : org.awsRegions()) {
          String id = account.id();
          ec2Scope(put, t, id, region, org.capacityReservations(t, id, region), org.capacityBlocks(t, id, region));
          outpostsScope(put, t, id, region, org.outposts(id, region), outpost -> org.outpostAssets(t, outpost),
              outpost -> org.assetInstances(t, outpost), org.capacityTasks(t, id, region));
        }
      }
      for (AliyunAccount account : org.aliyunAccounts()) {
        if (account.accessKeyId() == null) {
          continue;
        }
        for (String region : org.aliyunRegions()) {
          ecsScope(put, t, account.id(), region, org.privatePools(t, account.id(), region), org::poolInstanceIds);
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

  /**
   * One EC2 scope's replies at {@code t}: the reservation listing, each listed reservation's usage
   * and the capacity blocks, each handed to {@code put} as a path and a reply rendered on demand.
   */
  public static void ec2Scope(BiConsumer<String, Supplier<String>> put, Instant t, String accountId, String region,
      List<ReservationObservation> reservations, List<CapacityBlock> blocks) {
    String listing = SampleOrgLayout.ec2(t, accountId, region, "DescribeCapacityReservations");
    put.accept(listing, () -> Ec2Responses.describeCapacityReservations(requestId(listing), reservations));
    for (ReservationObservation observation : reservations) {
      String usage = SampleOrgLayout.ec2(t, accountId, region, "GetCapacityReservationUsage", observation.reservation().id());
      put.accept(usage, () -> Ec2Responses.getCapacityReservationUsage(requestId(usage), observation));
    }
    String blockListing = SampleOrgLayout.ec2(t, accountId, region, "DescribeCapacityBlocks");
    put.accept(blockListing, () -> Ec2Responses.describeCapacityBlocks(requestId(blockListing), blocks));
  }

  /** One Outposts scope's replies at {@code t}, as {@link #ec2Scope}: its Outposts, their assets and instances, the capacity tasks. */
  public static void outpostsScope(BiConsumer<String, Supplier<String>> put, Instant t, String accountId, String region,
      List<Outpost> outposts, Function<String, List<OutpostAsset>> assetsOf,
      Function<String, List<AssetInstance>> instancesOf, List<CapacityTask> tasks) {
    put.accept(SampleOrgLayout.outposts(t, accountId, region, "ListOutposts"), () -> OutpostsResponses.listOutposts(outposts));
    for (Outpost outpost : outposts) {
      put.accept(SampleOrgLayout.outposts(t, accountId, region, "ListAssets", outpost.id()),
          () -> OutpostsResponses.listAssets(assetsOf.apply(outpost.id())));
      put.accept(SampleOrgLayout.outposts(t, accountId, region, "ListAssetInstances", outpost.id()),
          () -> OutpostsResponses.listAssetInstances(instancesOf.apply(outpost.id())));
    }
    put.accept(SampleOrgLayout.outposts(t, accountId, region, "ListCapacityTasks"), () -> OutpostsResponses.listCapacityTasks(tasks));
    for (CapacityTask task : tasks) {
      put.accept(SampleOrgLayout.outposts(t, accountId, region, "GetCapacityTask", task.id()),
          () -> OutpostsResponses.getCapacityTask(task));
    }
  }

  /** One Alibaba ECS scope's replies at {@code t}, as {@link #ec2Scope}: its private pools and each pool's instances. */
  public static void ecsScope(BiConsumer<String, Supplier<String>> put, Instant t, String accountId, String region,
      List<PrivatePool> pools, Function<PrivatePool, List<String>> instanceIdsOf) {
    String listing = SampleOrgLayout.ecs(t, accountId, region, "DescribeCapacityReservations");
    put.accept(listing, () -> AliyunResponses.describeCapacityReservations(aliyunRequestId(listing), pools));
    for (PrivatePool pool : pools) {
      String instances = SampleOrgLayout.ecs(t, accountId, region, "DescribeCapacityReservationInstances", pool.id());
      put.accept(instances, () -> AliyunResponses.describeCapacityReservationInstances(aliyunRequestId(instances),
          instanceIdsOf.apply(pool)));
    }
  }

  private static String requestId(String path) {
    return UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String aliyunRequestId(String path) {
    return requestId(path).toUpperCase(Locale.ROOT);
  }
}
