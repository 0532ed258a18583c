package dev.caplens.transform;

import static dev.caplens.transform.MartRun.M5_LARGE_PRICE;
import static dev.caplens.transform.MartRun.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compacted state intervals: consecutive identical observations collapse into one row, a
 * change or a gap starts a new one, and the intervals account for exactly the hours of
 * reservation_daily.
 */
class ReservationIntervalsTest {

  private static MartRun workedExample;
  private static MartRun intervalCases;

  @BeforeAll
  static void computeMarts() {
    workedExample = MartRun.of(WorkedExampleTest.workedExample(), "2026-11-20", "2026-11-20", M5_LARGE_PRICE);
    intervalCases = MartRun.of(ObservationIntervalsTest.fixture(), "2026-11-20", "2026-11-21", M5_LARGE_PRICE,
        ObservationIntervalsTest.BLOCK_PRICE);
  }

  @Test
  void twentyFourHourlyObservationsOfTwoStatesAreTwoRows() {
    // cr-1: 12 observations of total 10 / available 4, then 12 of total 10 / available 10.
    // [00:00, 12:00): reserved 10 x 12 = 120, used 6 x 12 = 72; [12:00, 24:00): reserved 120, used 0
    List<Row> intervals = workedExample.intervals("cr-1", "2026-11-20");
    assertThat(intervals).extracting(r -> at(r, "interval_start"), r -> at(r, "interval_end"),
            r -> r.<Integer>getAs("observations"), r -> r.<Integer>getAs("available_instance_count"),
            r -> plain(dec(r, "reserved_instance_hours")), r -> plain(dec(r, "used_instance_hours")))
        .containsExactly(
            tuple("2026-11-20T00:00:00Z", "2026-11-20T12:00:00Z", 12, 4, "120", "72"),
            tuple("2026-11-20T12:00:00Z", "2026-11-21T00:00:00Z", 12, 10, "120", "0"));
  }

  @Test
  void aStateChangeStartsANewInterval() {
    // cr-cancel: active 00:00-10:00 (10 observations), cancelled 10:00-24:00 (14), reserved only while active
    assertThat(intervalCases.intervals("cr-cancel", "2026-11-20"))
        .extracting(r -> r.<String>getAs("state"), r -> r.<Integer>getAs("observations"),
            r -> plain(dec(r, "hours")), r -> plain(dec(r, "reserved_instance_hours")))
        .containsExactly(tuple("active", 10, "10", "40"), tuple("cancelled", 14, "14", "0"));
  }

  @Test
  void aGapKeepsIdenticalObservationsApart() {
    // cr-gap on the 21st: the 20th's observation carried to 02:00, nothing 02:00-06:00, then the 06:00 one
    assertThat(intervalCases.intervals("cr-gap", "2026-11-21"))
        .extracting(r -> at(r, "interval_start"), r -> at(r, "interval_end"), r -> plain(dec(r, "hours")))
        .containsExactly(tuple("2026-11-21T00:00:00Z", "2026-11-21T02:00:00Z", "2"),
            tuple("2026-11-21T06:00:00Z", "2026-11-22T00:00:00Z", "18"));
  }

  @Test
  void intervalsAddUpToTheDailyHoursOfEveryReservation() {
    for (Row day : intervalCases.reservationDaily) {
      String id = day.getAs("reservation_id");
      String date = day.getAs("date").toString();
      List<Row> intervals = intervalCases.intervals(id, date);
      assertThat(sum(intervals, "reserved_instance_hours")).as("reserved of %s on %s", id, date)
          .isEqualByComparingTo(dec(day, "reserved_instance_hours"));
      assertThat(sum(intervals, "used_instance_hours")).as("used of %s on %s", id, date)
          .isEqualByComparingTo(dec(day, "used_instance_hours"));
    }
  }

  @Test
  void intervalsHaveTheirDeclaredSchema() {
    assertThat(MartRun.columnTypes(workedExample.reservationIntervals.get(0).schema()))
        .isEqualTo(MartRun.columnTypes(MartSchemas.RESERVATION_INTERVALS));
  }

  private static BigDecimal sum(List<Row> rows, String column) {
    return rows.stream().map(r -> dec(r, column)).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static String at(Row row, String column) {
    return row.<Timestamp>getAs(column).toInstant().toString();
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
