package dev.caplens.sample;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where each wire response of the sample organisation lives under {@code sample-org/}: one
 * directory per snapshot time, then service, account and region, then one file per API call
 * (per resource for calls that take an id). The files hold complete, unpaged replies; the sample
 * server cuts them into pages.
 */
public final class SampleOrgLayout {

  /** Classpath and source directory name of the sample organisation. */
  public static final String ROOT = "sample-org";
  public static final String PRICES = "prices.csv";
  /**
   * Classpath and source directory of the recorded price API replies. They are recordings, not
   * rendered from the organisation, so they live beside {@link #ROOT} rather than in it.
   */
  public static final String PRICE_REPLIES_ROOT = "sample-prices";

  private static final DateTimeFormatter SNAPSHOT_DIR =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SampleOrgLayout() {}

  public static String snapshotDirectory(Instant snapshotTime) {
    return "snapshots/" + SNAPSHOT_DIR.format(snapshotTime);
  }

  /** An EC2 call that lists a scope, e.g. DescribeCapacityReservations. */
  public static String ec2(Instant t, String accountId, String region, String action) {
    return scope(t, "ec2", accountId, region) + action + ".xml";
  }

  /** An EC2 call about one resource, e.g. GetCapacityReservationUsage of one reservation. */
  public static String ec2(Instant t, String accountId, String region, String action, String resourceId) {
    return scope(t, "ec2", accountId, region) + action + "/" + resourceId + ".xml";
  }

  public static String outposts(Instant t, String accountId, String region, String operation) {
    return scope(t, "outposts", accountId, region) + operation + ".json";
  }

  public static String outposts(Instant t, String accountId, String region, String operation, String resourceId) {
    return scope(t, "outposts", accountId, region) + operation + "/" + resourceId + ".json";
  }

  public static String ecs(Instant t, String accountId, String region, String action) {
    return scope(t, "ecs", accountId, region) + action + ".json";
  }

  public static String ecs(Instant t, String accountId, String region, String action, String resourceId) {
    return scope(t, "ecs", accountId, region) + action + "/" + resourceId + ".json";
  }

  /**
   * The recorded GetProducts reply (AWS Price List Query API, unpaged) of one service's products
   * in one region, e.g. {@code AmazonEC2/us-east-1.json} under {@link #PRICE_REPLIES_ROOT}.
   */
  public static String pricing(String serviceCode, String region) {
    return serviceCode + "/" + region + ".json";
  }

  /** The recorded ECS DescribePrice reply for one instance type and platform (PriceUnit Hour), under {@link #PRICE_REPLIES_ROOT}. */
  public static String ecsPrice(String region, String instanceType, String platform) {
    return "ecs/" + region + "/DescribePrice/" + instanceType + "-" + platform + ".json";
  }

  private static String scope(Instant t, String service, String accountId, String region) {
    return snapshotDirectory(t) + "/" + service + "/" + accountId + "/" + region + "/";
  }
}
