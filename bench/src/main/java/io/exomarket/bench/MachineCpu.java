package io.exomarket.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent (all processes: API server, etcd, operator, this JVM), from
 * {@code /proc/stat}. Less noisy than wall time on a shared machine: a phase's CPU seconds are what
 * it cost, whatever else delayed it.
 */
final class MachineCpu {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private MachineCpu() {}

  /** Busy CPU seconds since boot (user, nice, system, irq, softirq), NaN off Linux. */
  static double seconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7}) {
        busy += Long.parseLong(f[i]);
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
