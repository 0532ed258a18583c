package dev.caplens.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * CPU time next to wall time. On a shared virtual machine the hypervisor can take a third of the
 * cores away ("steal") for minutes at a time, so wall times of the same code vary by tens of
 * percent; the process's CPU time (every thread, DuckDB's native ones included) varies far less
 * and is the figure to compare two versions by.
 */
final class CpuClock {

  private static final Path PROC_STAT = Path.of("/proc/stat");

  private CpuClock() {}

  /** CPU time of this process so far, user + system, all threads; -1 where the JVM cannot tell. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The machine's CPU counters (/proc/stat's first line, in ticks); empty off Linux. */
  static long[] machineTicks() {
    try {
      String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
      return Arrays.stream(fields, 1, fields.length).mapToLong(Long::parseLong).toArray();
    } catch (IOException | RuntimeException e) {
      return new long[0];
    }
  }

  /** Share of the machine's CPU time the hypervisor took between two readings (field 8, steal). */
  static OptionalDouble stealShare(long[] before, long[] after) {
    final int steal = 7;
    if (before.length <= steal || after.length != before.length) {
      return OptionalDouble.empty();
    }
    long total = 0;
    for (int i = 0; i < before.length && i < 8; i++) {
      total += after[i] - before[i];
    }
    return total <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) (after[steal] - before[steal]) / total);
  }
}
