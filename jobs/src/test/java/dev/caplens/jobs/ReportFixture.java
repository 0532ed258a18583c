package dev.caplens.jobs;

import dev.caplens.ingest.snapshot.ReservationRow;
import dev.caplens.ingest.snapshot.ScopeRow;
import dev.caplens.ingest.snapshot.ScopeSnapshot;
import dev.caplens.ingest.snapshot.ScopeSnapshotWriter;
import dev.caplens.ingest.snapshot.SnapshotTables;
import dev.caplens.ingest.snapshot.Warehouse;
import dev.caplens.transform.DayRange;
import dev.caplens.transform.MartSchemas;
import dev.caplens.transform.MartTable;
import dev.caplens.transform.MartWriter;
import dev.caplens.transform.Marts;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A small warehouse for report tests: marts for 2026-11-20 and 2026-11-21 written as transform
 * writes them, and one EC2 snapshot listing three capacity blocks. Every figure is worked out by
 * hand below (instance-hours x rate):
 *
 * <ul>
 *   <li>cr-1 (DESIGN.md's worked example, each day): m5.large at 0.096 USD, 240 h reserved, 72 used
 *       (111: 48, 222: 24), 168 idle; 23.04 reserved, 6.912 used (4.608 + 2.304), 16.128 idle.</li>
 *   <li>cr-2, 20th only: m5.xlarge at 0.192, 5 x 24 = 120 h all idle: 23.04, billed to 333.</li>
 *   <li>cr-5, capacity block, 20th: 2 x p5.48xlarge x 13 h = 26 h, all used by 111, at 31.464:
 *       818.064.</li>
 *   <li>cr-4, interruptible: 12 borrowed hours, everything else 0 (its source's).</li>
 *   <li>cr-7, 20th: 24 h of m7i.large without a price (a missing-price finding).</li>
 *   <li>crp-1, Alibaba, 21st: 10 x 24 = 240 h of ecs.g7.large at 0.69 CNY, 120 used: 165.6 reserved,
 *       82.8 used, 82.8 idle. Its platform is a hostile string a spreadsheet would run as a formula.</li>
 * </ul>
 * USD reserved cost: 2 x 23.04 + 23.04 + 818.064 = 887.184; CNY 165.6.
 */
final class ReportFixture {

  static final LocalDate FROM = LocalDate.parse("2026-11-20");
  static final LocalDate TO = LocalDate.parse("2026-11-21");
  static final String HOSTILE_PLATFORM = "@SUM(1+1)";

  private static Path shared;

  private ReportFixture() {}

  /** One fixture warehouse per test JVM, for the tests that only read it. */
  static synchronized Path sharedWarehouse() throws IOException {
    if (shared == null) {
      Path dir = java.nio.file.Files.createTempDirectory("caplens-report-fixture");
      shared = warehouse(SparkSessions.getOrCreate("caplens tests"), dir.resolve("warehouse"));
    }
    return shared;
  }

  static Path warehouse(SparkSession spark, Path dir) throws IOException {
    String warehouse = dir.toString();
    DayRange period = DayRange.of(FROM, TO);
    Map<MartTable, Dataset<Row>> marts = new EnumMap<>(MartTable.class);
    add(spark, marts, MartTable.RESERVATION_DAILY, MartSchemas.RESERVATION_DAILY, List.of(
        reservationDay("aws", "111111111111", "111111111111", "cr-1", "odcr", "us-east-1a", "m5.large", "Linux/UNIX",
            "active", true, "on-demand", "USD", "0.096", "240", "72", "168", "0", "0", "0", "23.04", "6.912", "16.128",
            "0", FROM),
        reservationDay("aws", "111111111111", "111111111111", "cr-1", "odcr", "us-east-1a", "m5.large", "Linux/UNIX",
            "active", true, "on-demand", "USD", "0.096", "240", "72", "168", "0", "0", "0", "23.04", "6.912", "16.128",
            "0", TO),
        reservationDay("aws", "111111111111", "333333333333", "cr-2", "odcr", "us-east-1b", "m5.xlarge", "Linux/UNIX",
            "active", true, "on-demand", "USD", "0.192", "120", "0", "120", "0", "0", "0", "23.04", "0", "23.04",
            "0", FROM),
        reservationDay("aws", "111111111111", "111111111111", "cr-5", "capacity-block", "us-east-1a", "p5.48xlarge",
            "Linux/UNIX", "active", false, "capacity-block", "USD", "31.464", "26", "26", "0", "0", "0", "0",
            "818.064", "818.064", "0", "0", FROM),
        reservationDay("aws", "222222222222", "222222222222", "cr-4", "interruptible", "us-east-1a", "r5.2xlarge",
            "Linux/UNIX", "active", false, "on-demand", "USD", "0.504", "0", "0", "0", "0", "0", "12", "0", "0", "0",
            "0", FROM),
        reservationDay("aws", "111111111111", "111111111111", "cr-7", "odcr", "eu-west-1a", "m7i.large", "Linux/UNIX",
            "active", true, "on-demand", null, null, "24", "0", "24", "0", "0", "0", null, null, null, null, FROM),
        reservationDay("aliyun", "5123456789012345", "5123456789012345", "crp-1", "private-pool", "cn-hangzhou-i",
            "ecs.g7.large", HOSTILE_PLATFORM, "Active", false, "on-demand", "CNY", "0.69", "240", "120", "120", "0",
            "0", "0", "165.6", "82.8", "82.8", "0", TO)));
    add(spark, marts, MartTable.ACCOUNT_USAGE_DAILY, MartSchemas.ACCOUNT_USAGE_DAILY, List.of(
        usage("aws", "cr-1", "111111111111", "111111111111", "m5.large", "USD", "0.096", "48", "4.608", FROM),
        usage("aws", "cr-1", "111111111111", "222222222222", "m5.large", "USD", "0.096", "24", "2.304", FROM),
        usage("aws", "cr-1", "111111111111", "111111111111", "m5.large", "USD", "0.096", "48", "4.608", TO),
        usage("aws", "cr-1", "111111111111", "222222222222", "m5.large", "USD", "0.096", "24", "2.304", TO),
        usage("aws", "cr-5", "111111111111", "111111111111", "p5.48xlarge", "USD", "31.464", "26", "818.064", FROM),
        usage("aliyun", "crp-1", "5123456789012345", "5123456789012345", "ecs.g7.large", "CNY", "0.69", "120",
            "82.8", TO)));
    add(spark, marts, MartTable.DATA_QUALITY, MartSchemas.DATA_QUALITY, List.of(
        RowFactory.create("aws", "111111111111", "eu-west-1", "cr-7", "missing-price",
            "no aws eu-west-1 m7i.large Linux/UNIX on-demand price; costs left empty (24 observations from "
                + "2026-11-20T00:00:00Z)", d("24"), Date.valueOf(FROM)),
        RowFactory.create("aws", "111111111111", "us-east-1", "cr-1", "unexplained-usage",
            "-2 instances in use that InstanceUsages do not name; charged to the owner", d("2"), Date.valueOf(TO))));
    Row task = RowFactory.create("outposts", "111111111111", "us-east-1", "cap-1", "op-1", "COMPLETED",
        "{\"m5.xlarge\":8}", ts("2026-11-20T10:00:00Z"), ts("2026-11-20T18:00:00Z"), d("8"), null, null,
        ts("2026-11-20T23:00:00Z"), Date.valueOf(FROM));
    Row failed = RowFactory.create("outposts", "111111111111", "us-east-1", "cap-2", "op-1", "FAILED",
        "{\"c5.2xlarge\":2}", ts("2026-11-21T09:00:00Z"), ts("2026-11-21T09:30:00Z"), d("0.5"),
        "UNSUPPORTED_CAPACITY_CONFIGURATION", "<b>not enough</b> slots", ts("2026-11-21T23:00:00Z"),
        Date.valueOf(TO));
    add(spark, marts, MartTable.CAPACITY_TASKS, MartSchemas.CAPACITY_TASKS, List.of(task,
        RowFactory.create(task.get(0), task.get(1), task.get(2), task.get(3), task.get(4), task.get(5), task.get(6),
            task.get(7), task.get(8), task.get(9), null, null, ts("2026-11-21T23:00:00Z"), Date.valueOf(TO)),
        failed));
    MartWriter.write(spark, warehouse, Marts.of(marts.get(MartTable.RESERVATION_DAILY),
        marts.get(MartTable.ACCOUNT_USAGE_DAILY), marts.get(MartTable.DATA_QUALITY), marts.get(MartTable.CAPACITY_TASKS),
        spark.createDataFrame(List.of(), MartSchemas.RESERVATION_INTERVALS)), period);
    writeCapacityBlockSnapshot(warehouse);
    return dir;
  }

  /**
   * The last snapshot of the period lists three capacity blocks: cr-5 ended at the start of the
   * 21st (within 7 days before the period end, 2026-11-22T00:00Z), cr-8 starts on the 25th (within
   * 7 days after) and cr-9 starts on 12-15 (too far off to list).
   */
  private static void writeCapacityBlockSnapshot(String warehouse) throws IOException {
    ScopeSnapshot scope = new ScopeSnapshot("aws", "111111111111", "us-east-1", "ec2",
        Instant.parse("2026-11-21T23:00:00Z"), "run-fixture");
    try (ScopeSnapshotWriter writer = new ScopeSnapshotWriter(Warehouse.open(warehouse), scope)) {
      var reservations = writer.table(SnapshotTables.RESERVATIONS);
      reservations.append(block("cr-5", "expired", 2, "2026-11-20T11:00:00Z", "2026-11-21T00:00:00Z"));
      reservations.append(block("cr-8", "scheduled", 4, "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z"));
      reservations.append(block("cr-9", "scheduled", 1, "2026-12-15T00:00:00Z", "2026-12-16T00:00:00Z"));
      writer.publish(new ScopeRow("ec2", 1, 1, 3));
    }
  }

  private static ReservationRow block(String id, String state, int count, String start, String end) {
    return new ReservationRow(id, null, "111111111111", "capacity-block", "p5.48xlarge", "Linux/UNIX", "us-east-1a",
        "default", "targeted", state, count, count, null, Instant.parse(start), Instant.parse(end), "limited",
        "cb-" + id, null, false, null, null, null, null, null, null, null, null, null, null);
  }

  private static void add(SparkSession spark, Map<MartTable, Dataset<Row>> marts, MartTable table, StructType schema,
                          List<Row> rows) {
    marts.put(table, spark.createDataFrame(rows, schema).cache());
  }

  private static Row reservationDay(String provider, String owner, String billingOwner, String id, String kind,
      String zone, String type, String platform, String state, boolean lendable, String pricingModel,
      String currency, String rate, String reserved, String used, String idle, String unobserved, String lent,
      String borrowed, String reservedCost, String usedCost, String idleCost, String savings, LocalDate date) {
    return RowFactory.create(provider, owner, billingOwner, id, kind, region(zone), zone, type, platform,
        state, lendable, pricingModel, currency, d(rate), d(reserved), d(used), d(idle), d(unobserved), d(lent),
        d(borrowed), d(reservedCost), d(usedCost), d(idleCost), d(savings), Date.valueOf(date));
  }

  private static Row usage(String provider, String id, String owner, String account, String type, String currency,
                           String rate, String hours, String cost, LocalDate date) {
    return RowFactory.create(provider, id, owner, account, provider.equals("aliyun") ? "cn-hangzhou" : "us-east-1",
        type, currency, d(rate), d(hours), d(cost), Date.valueOf(date));
  }

  private static String region(String zone) {
    return zone.substring(0, zone.length() - 1).replaceAll("-$", "");
  }

  private static BigDecimal d(String value) {
    return value == null ? null : new BigDecimal(value);
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
