package dev.caplens.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Which reservations the timeline sees together: lending pairs, joined where they share one. */
class LendingGroupsTest {

  private static final StructType PAIRS = new StructType()
      .add("provider", DataTypes.StringType)
      .add("reservation_id", DataTypes.StringType)
      .add("interruptible", DataTypes.BooleanType)
      .add("source_reservation_id", DataTypes.StringType);

  @Test
  void pairsSharingAReservationAreOneGroupNamedByItsSmallestId() {
    // cr-s lends to cr-i1 and cr-i2; cr-i3 borrowed from cr-t, then from cr-s: all five are one
    // group, "cr-i1" the smallest id. cr-x lends to cr-y, a group of its own. cr-plain lends to
    // nobody, and a row that names a source but is not interruptible pairs nothing.
    List<Row> rows = List.of(
        RowFactory.create("aws", "cr-i1", true, "cr-s"),
        RowFactory.create("aws", "cr-i2", true, "cr-s"),
        RowFactory.create("aws", "cr-i3", true, "cr-t"),
        RowFactory.create("aws", "cr-i3", true, "cr-s"),
        RowFactory.create("aws", "cr-y", true, "cr-x"),
        RowFactory.create("aws", "cr-plain", false, "cr-z"),
        RowFactory.create("aws", "cr-lone", true, null));
    LendingGroups groups = LendingGroups.of(TestSpark.spark().createDataFrame(rows, PAIRS));
    assertThat(groups.groupOf).containsExactly(entry("aws\u0000cr-i1", "cr-i1"), entry("aws\u0000cr-i2", "cr-i1"),
        entry("aws\u0000cr-i3", "cr-i1"), entry("aws\u0000cr-s", "cr-i1"), entry("aws\u0000cr-t", "cr-i1"),
        entry("aws\u0000cr-x", "cr-x"), entry("aws\u0000cr-y", "cr-x"));
    // Rows get their group's id, every other reservation its own.
    List<String> grouped = groups.withGroupIds(TestSpark.spark().createDataFrame(rows, PAIRS))
        .select("reservation_id", "group_id").distinct().orderBy("reservation_id").collectAsList().stream()
        .map(row -> row.getString(0) + "->" + row.getString(1))
        .toList();
    assertThat(grouped).containsExactly("cr-i1->cr-i1", "cr-i2->cr-i1", "cr-i3->cr-i1", "cr-lone->cr-lone",
        "cr-plain->cr-plain", "cr-y->cr-x");
  }
}
