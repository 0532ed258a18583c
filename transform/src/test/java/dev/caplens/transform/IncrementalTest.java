package dev.caplens.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A range computed at once equals the same days computed one by one. */
class IncrementalTest {

  @Test
  void dayByDayEqualsRangeAtOnce() {
    SnapshotFixture fixture = ObservationIntervalsTest.fixture();
    String[] prices = {MartRun.M5_LARGE_PRICE, ObservationIntervalsTest.BLOCK_PRICE};
    MartRun range = MartRun.of(fixture, "2026-11-20", "2026-11-21", prices);
    MartRun day20 = MartRun.of(fixture, "2026-11-20", "2026-11-20", prices);
    MartRun day21 = MartRun.of(fixture, "2026-11-21", "2026-11-21", prices);

    assertThat(range.reservationDaily).isNotEmpty();
    assertThat(sorted(range.reservationDaily)).isEqualTo(sorted(day20.reservationDaily, day21.reservationDaily));
    assertThat(sorted(range.accountUsageDaily)).isEqualTo(sorted(day20.accountUsageDaily, day21.accountUsageDaily));
    assertThat(sorted(range.dataQuality)).isEqualTo(sorted(day20.dataQuality, day21.dataQuality));
    assertThat(range.reservationIntervals).isNotEmpty();
    assertThat(sorted(range.reservationIntervals))
        .isEqualTo(sorted(day20.reservationIntervals, day21.reservationIntervals));
  }

  @SafeVarargs
  private static List<String> sorted(List<Row>... parts) {
    List<String> rows = new ArrayList<>();
    for (List<Row> part : parts) {
      part.forEach(row -> rows.add(row.toString()));
    }
    rows.sort(null);
    return rows;
  }
}
