package dev.caplens.transform;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a transform run wrote: the days it replaced, the rows per mart and the data-quality
 * findings per check.
 */
public record TransformResult(List<LocalDate> days, long reservationDailyRows, long accountUsageDailyRows,
    long dataQualityRows, Map<String, Long> dataQualityRowsByCheck) {

  public TransformResult {
    days = List.copyOf(days);
    dataQualityRowsByCheck = Map.copyOf(dataQualityRowsByCheck);
  }
}
