package dev.caplens.transform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** UTC calendar days {@code from} to {@code to}, both included. */
public record DayRange(LocalDate from, LocalDate to) {

  public static final long DAY_MICROS = 86_400_000_000L;

  public DayRange {
    if (from == null || to == null) {
      throw new IllegalArgumentException("a day range needs both ends, was " + from + " to " + to);
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("day range ends before it starts: " + from + " to " + to);
    }
  }

  public static DayRange of(LocalDate from, LocalDate to) {
    return new DayRange(from, to);
  }

  public static DayRange day(LocalDate day) {
    return new DayRange(day, day);
  }

  public List<LocalDate> days() {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  /** The same last day, starting {@code days} earlier. */
  public DayRange extendedBack(int days) {
    return new DayRange(from.minusDays(days), to);
  }

  public long firstEpochDay() {
    return from.toEpochDay();
  }

  public long lastEpochDay() {
    return to.toEpochDay();
  }

  @Override
  public String toString() {
    return from + ".." + to;
  }
}
