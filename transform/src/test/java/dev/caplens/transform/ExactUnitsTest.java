package dev.caplens.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ExactUnitsTest {

  @Test
  void hoursRoundHalfUpToTenPlaces() {
    assertThat(ExactUnits.hours(3_600_000_000L)).isEqualByComparingTo("1");
    // 1 us = 0.00000000027.. h
    assertThat(ExactUnits.hours(1)).isEqualByComparingTo("0.0000000003");
    // 9 us = 0.0000000025 h exactly: fits in 10 places, nothing to round
    assertThat(ExactUnits.hours(9)).isEqualByComparingTo("0.0000000025");
    // 2 us = 0.00000000055.. h
    assertThat(ExactUnits.hours(2)).isEqualByComparingTo("0.0000000006");
    assertThat(ExactUnits.hours(9).scale()).isEqualTo(10);
  }

  @Test
  void costIsComputedFromMicrosecondsAndRoundedOnce() {
    // 1 s at 0.096/h = 0.096 / 3600 = 0.00002666.. -> 0.0000266667
    assertThat(ExactUnits.cost(1_000_000L, new BigDecimal("0.096"))).isEqualByComparingTo("0.0000266667");
    // 7 s at 0.12345678/h = 0.86419746 / 3600 = 0.00024005485 -> 0.0002400549; rounding the hours
    // first would give 0.0019444444 h x 0.12345678 = 0.00024005484.. -> 0.0002400548
    assertThat(ExactUnits.cost(7_000_000L, new BigDecimal("0.12345678"))).isEqualByComparingTo("0.0002400549");
    assertThat(ExactUnits.cost(7_000_000L, null)).isNull();
  }

  @Test
  void ratioIsEmptyForZeroDenominator() {
    assertThat(ExactUnits.ratio(new BigDecimal("72"), new BigDecimal("240"))).isEqualByComparingTo("0.3");
    assertThat(ExactUnits.ratio(BigDecimal.ZERO, BigDecimal.ZERO)).isNull();
  }
}
