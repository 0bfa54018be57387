package io.exomarket.operator.metering;

import io.exomarket.api.v1alpha1.Meter;
import io.exomarket.api.v1alpha1.MeterSource;
import io.exomarket.api.v1alpha1.MeterUnit;
import io.exomarket.api.v1alpha1.UsageSegment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pure: the quantities of one window from the recorded timeline. Time-based units (h, gb.h) are
 * summed exactly in unit-seconds (millisecond precision), then rounded down to the API's 5 decimal
 * places; the remainder stays in unit-seconds and is carried into the next window, so the reported
 * sum never drifts from the exact total. Level units (u, gb) are the maximum within the window.
 * Each segment is billed from the meters it snapshotted, not from the offering as it is now.
 */
public final class UsageCalculator {
  static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  static final int DECIMALS = 5;

  private UsageCalculator() {}

  /** Rounded quantities per variable and the remainders to carry when they are accepted. */
  public record WindowUsage(
      Map<String, BigDecimal> quantities, Map<String, BigDecimal> carryAfter) {}

  public static WindowUsage compute(
      List<UsageSegment> segments,
      Instant start,
      Instant end,
      Map<String, BigDecimal> carryIn,
      Function<String, List<Meter>> metersOfPlan) {
    Map<String, BigDecimal> accrued = new LinkedHashMap<>();
    Map<String, BigDecimal> levels = new LinkedHashMap<>();
    for (UsageSegment s : segments) {
      Instant from = max(Instant.parse(s.getFrom()), start);
      Instant to = s.getTo() == null ? end : min(Instant.parse(s.getTo()), end);
      if (!to.isAfter(from)) {
        continue;
      }
      BigDecimal seconds = BigDecimal.valueOf(Duration.between(from, to).toMillis(), 3);
      for (Meter m : metersOf(s, metersOfPlan)) {
        boolean active = accrues(m, s);
        BigDecimal amount = active ? amountOf(m.getSource(), s) : BigDecimal.ZERO;
        if (isTimeBased(m.getUnit())) {
          accrued.merge(m.getVariable(), amount.multiply(seconds), BigDecimal::add);
        } else {
          levels.merge(m.getVariable(), amount, BigDecimal::max);
        }
      }
    }
    Map<String, BigDecimal> quantities = new LinkedHashMap<>();
    Map<String, BigDecimal> carryAfter = new LinkedHashMap<>();
    accrued.forEach(
        (variable, unitSeconds) -> {
          BigDecimal total = unitSeconds.add(carryIn.getOrDefault(variable, BigDecimal.ZERO));
          BigDecimal hours = total.divide(SECONDS_PER_HOUR, DECIMALS, RoundingMode.DOWN);
          quantities.put(variable, hours);
          carryAfter.put(
              variable, total.subtract(hours.multiply(SECONDS_PER_HOUR)).stripTrailingZeros());
        });
    // A variable that stopped appearing (plan changed) keeps its remainder for when it comes back.
    carryIn.forEach(carryAfter::putIfAbsent);
    levels.forEach(
        (variable, level) -> quantities.put(variable, level.setScale(DECIMALS, RoundingMode.DOWN)));
    return new WindowUsage(quantities, carryAfter);
  }

  /**
   * The segment's snapshot; the offering's current plan only for segments recorded before
   * snapshots.
   */
  private static List<Meter> metersOf(UsageSegment s, Function<String, List<Meter>> metersOfPlan) {
    return s.getMeters() != null ? s.getMeters() : metersOfPlan.apply(s.getPlanId());
  }

  /**
   * Suspended: only meters that accrue while suspended; otherwise uptime needs the instance Ready.
   */
  static boolean accrues(Meter m, UsageSegment s) {
    if (s.isSuspended()) {
      return m.accruesWhileSuspended();
    }
    return m.getSource() != MeterSource.uptime || s.isRunning();
  }

  private static BigDecimal amountOf(MeterSource source, UsageSegment s) {
    return switch (source) {
      case uptime -> BigDecimal.ONE;
      case storage -> s.getStorageGb() == null ? BigDecimal.ZERO : new BigDecimal(s.getStorageGb());
      case users -> BigDecimal.valueOf(s.getUsers());
    };
  }

  private static boolean isTimeBased(MeterUnit unit) {
    return unit == MeterUnit.HOURS || unit == MeterUnit.GB_HOURS;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
