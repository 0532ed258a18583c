package dev.caplens.transform;

import static dev.caplens.transform.MartRun.dec;
import static dev.caplens.transform.SnapshotFixture.hourly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import dev.caplens.transform.SnapshotFixture.Res;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots written as Parquet files in the warehouse layout, read by {@link SnapshotReader},
 * transformed and written by {@link TransformRunner}, and read back by {@link MartReader}.
 */
class WarehouseRoundTripTest {

  private static final LocalDate DAY20 = LocalDate.parse("2026-11-20");
  private static final LocalDate DAY21 = LocalDate.parse("2026-11-21");
  private final SparkSession spark = TestSpark.spark();

  @TempDir
  Path warehouse;

  /**
   * The worked example on the 20th, cr-1 idle (10 of 10 available) all of the 21st, one run that
   * died while publishing, and one old snapshot far outside any window read here.
   */
  private static SnapshotFixture twoDays(boolean listedOnThe21st) {
    SnapshotFixture fixture = new SnapshotFixture();
    var owner = fixture.scope("111111111111", "us-east-1");
    Res cr1 = Res.odcr("cr-1", "111111111111").start("2026-11-01T00:00:00Z");
    List<String> hours = hourly("2026-11-20T00:00:00Z", 48);
    for (int h = 0; h < 48; h++) {
      var snapshot = owner.at(hours.get(h));
      if (h < 12) {
        snapshot.lists(cr1.counts(10, 4)).usage("cr-1", "111111111111", 4).usage("cr-1", "222222222222", 2);
      } else if (h < 24 || listedOnThe21st) {
        snapshot.lists(cr1.counts(10, 10));
      }
    }
    owner.unpublishedAt("2026-11-20T05:30:00Z", "run-died").lists(Res.odcr("cr-dead", "111111111111").counts(50, 0));
    owner.at("2026-11-10T00:00:00Z").lists(Res.odcr("cr-old", "111111111111").counts(99, 0));
    return fixture;
  }

  @Test
  void readerTakesPartitionColumnsFromDirectoriesAndReadsOnlyTheWindow() throws IOException {
    writeSnapshots(twoDays(true));
    SnapshotInputs read = SnapshotReader.read(spark, warehouse.toString(), DayRange.of(DAY20.minusDays(2), DAY21));
    assertThat(MartRun.columnTypes(read.reservationsDF().schema()))
        .isEqualTo(MartRun.columnTypes(SnapshotTables.RESERVATIONS));
    List<Row> partitions = read.reservationsDF().select("provider", "snapshot_date").distinct()
        .orderBy("snapshot_date").collectAsList();
    assertThat(partitions).extracting(r -> r.getString(0) + "/" + r.getDate(1))
        .containsExactly("aws/2026-11-20", "aws/2026-11-21");
    assertThat(read.reservationsDF().filter(col("reservation_id").equalTo("cr-old")).count()).isZero();
  }

  @Test
  void theTransformReadsOnlyTheReservationColumnsTheMartsRead() throws IOException {
    writeSnapshots(twoDays(true));
    try (SnapshotReader.KeptInputs kept = SnapshotReader.readForMarts(spark, warehouse.toString(), DayRange.of(DAY20, DAY21))) {
      assertThat(kept.inputs().reservationsDF().columns())
          .containsExactly(SnapshotTables.RESERVATIONS_FOR_MARTS.fieldNames())
          .doesNotContain("tags_json", "reservation_arn")
          .contains("reservation_id", "total_instance_count", "available_instance_count", "start_date", "end_date");
      // Same rows as the full table: 48 hourly listings of cr-1 and the unpublished cr-dead.
      assertThat(kept.inputs().reservationsDF().count()).isEqualTo(49);
    }
  }

  @Test
  void rerunningDaysReplacesThemWithTheSameRows() throws IOException {
    writeSnapshots(twoDays(true));
    String prices = writePrices();

    TransformResult first = TransformRunner.run(spark, warehouse.toString(), DAY20, DAY21, prices,
        TransformParams.defaults());
    List<String> firstRows = martRows(DAY20, DAY21);
    TransformResult second = TransformRunner.run(spark, warehouse.toString(), DAY20, DAY21, prices,
        TransformParams.defaults());

    assertThat(martRows(DAY20, DAY21)).isEqualTo(firstRows);
    assertThat(second).isEqualTo(first);
    assertThat(first.days()).containsExactly(DAY20, DAY21);
    assertThat(first.reservationDailyRows()).isEqualTo(2);
    assertThat(first.accountUsageDailyRows()).isEqualTo(2);
    assertThat(first.dataQualityRowsByCheck()).containsEntry("unpublished-rows", 1L).hasSize(1);

    Row day20 = MartReader.read(spark, warehouse.toString(), MartTable.RESERVATION_DAILY, DAY20, DAY20).first();
    assertThat(dec(day20, "reserved_instance_hours")).isEqualByComparingTo("240");
    assertThat(dec(day20, "idle_cost")).isEqualByComparingTo("16.128");
    Row day21 = MartReader.read(spark, warehouse.toString(), MartTable.RESERVATION_DAILY, DAY21, DAY21).first();
    assertThat(dec(day21, "idle_instance_hours")).isEqualByComparingTo("240");
    Row dead = MartReader.read(spark, warehouse.toString(), MartTable.DATA_QUALITY, DAY20, DAY20).first();
    assertThat(dead.<String>getAs("detail"))
        .isEqualTo("1 reservations rows of run run-died at 2026-11-20T05:30:00Z have no scopes row "
            + "(the run did not finish publishing this scope); ignored");
  }

  @Test
  void aDayThatNoLongerHasRowsIsEmptiedAndOtherDaysAreLeftAlone() throws IOException {
    writeSnapshots(twoDays(true));
    String prices = writePrices();
    TransformRunner.run(spark, warehouse.toString(), DAY20, DAY21, prices, TransformParams.defaults());
    Path day20Partition = warehouse.resolve("marts/reservation_daily/date=2026-11-20");
    long day20Modified = Files.getLastModifiedTime(day20Partition).toMillis();

    // Re-ingested: cr-1 is gone from every snapshot of the 21st. Only the 21st is recomputed.
    writeSnapshots(twoDays(false));
    TransformResult result = TransformRunner.run(spark, warehouse.toString(), DAY21, DAY21, prices,
        TransformParams.defaults());

    assertThat(result.reservationDailyRows()).isZero();
    assertThat(warehouse.resolve("marts/reservation_daily/date=2026-11-21")).doesNotExist();
    assertThat(warehouse.resolve("marts/data_quality/date=2026-11-21")).doesNotExist();
    assertThat(MartReader.read(spark, warehouse.toString(), MartTable.RESERVATION_DAILY, DAY21, DAY21).count()).isZero();
    assertThat(Files.getLastModifiedTime(day20Partition).toMillis()).isEqualTo(day20Modified);
    assertThat(MartReader.read(spark, warehouse.toString(), MartTable.RESERVATION_DAILY, DAY20, DAY21).count())
        .isEqualTo(1);
  }

  @Test
  void readerReadsTheOutpostsAndAliyunPartitions() {
    writeSnapshots(OutpostsAndPoolsTest.fixture());
    SnapshotInputs read = SnapshotReader.read(spark, warehouse.toString(), DayRange.of(DAY20, DAY20));
    assertThat(read.scopesDF().select("provider").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactlyInAnyOrder("aliyun", "outposts");
    // 4 allocated resources of 3 pools; 5 usage rows (web 2, batch 2, odd 1), each naming its resource
    assertThat(read.reservationsDF().filter(col("provider").equalTo("aliyun")).count()).isEqualTo(4);
    assertThat(read.reservationUsageDF().filter(col("availability_zone").isNotNull()
        .and(col("instance_type").isNotNull())).count()).isEqualTo(5);
    assertThat(read.reservationsDF().filter(col("reported_used_instance_count").isNotNull()).count()).isEqualTo(4);
    // 24 snapshots x 4 asset capacities, x 11 instances
    assertThat(read.outpostCapacityDF().filter(col("provider").equalTo("outposts")).count()).isEqualTo(96);
    assertThat(read.outpostInstancesDF().count()).isEqualTo(264);
  }

  @Test
  void readingAMartThatWasNeverWrittenGivesNoRows() {
    Dataset<Row> empty = MartReader.read(spark, warehouse.toString(), MartTable.ACCOUNT_USAGE_DAILY, DAY20, DAY21);
    assertThat(empty.schema()).isEqualTo(MartSchemas.ACCOUNT_USAGE_DAILY);
    assertThat(empty.count()).isZero();
  }

  private void writeSnapshots(SnapshotFixture fixture) {
    SnapshotInputs inputs = fixture.inputs();
    writeTable(inputs.scopesDF(), SnapshotTables.SCOPES_TABLE);
    writeTable(inputs.reservationsDF(), SnapshotTables.RESERVATIONS_TABLE);
    writeTable(inputs.reservationUsageDF(), SnapshotTables.RESERVATION_USAGE_TABLE);
    writeTable(inputs.outpostCapacityDF(), SnapshotTables.OUTPOST_CAPACITY_TABLE);
    writeTable(inputs.outpostInstancesDF(), SnapshotTables.OUTPOST_INSTANCES_TABLE);
    writeTable(inputs.capacityTasksDF(), SnapshotTables.CAPACITY_TASKS_TABLE);
  }

  private void writeTable(Dataset<Row> tableDF, String table) {
    tableDF.write().mode(SaveMode.Overwrite).partitionBy("provider", "snapshot_date")
        .parquet(warehouse.resolve("snapshots/" + table).toString());
  }

  private String writePrices() throws IOException {
    Path prices = warehouse.resolve("prices.csv");
    Files.writeString(prices, String.join(",", PriceFile.COLUMNS) + "\n" + MartRun.M5_LARGE_PRICE + "\n");
    return prices.toString();
  }

  private List<String> martRows(LocalDate from, LocalDate to) {
    return List.of(MartTable.values()).stream()
        .flatMap(table -> MartReader.read(spark, warehouse.toString(), table, from, to).collectAsList().stream()
            .map(row -> table + " " + row))
        .sorted()
        .toList();
  }
}
