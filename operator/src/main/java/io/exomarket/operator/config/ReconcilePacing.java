package io.exomarket.operator.config;

import java.time.Duration;
import java.util.Map;

/**
 * How often one instance (or binding) is reconciled, at least and at most.
 *
 * @param resyncInterval the longest an object goes without a reconcile when nothing happens to it
 *     (java-operator-sdk's maximal reconciliation interval, 10 h by default there): what puts back
 *     a change no watch reports, such as a deleted Secret (Secrets are read per namespace, not
 *     watched). A whole pass over 10,000 instances took this machine about 208 s (bench/RESULTS.md,
 *     the fleet's restart), so 1 h costs about 6% of it at that size.
 * @param rateLimit reconciliations of one object per {@code ratePeriod} at most, 0 for no limit: a
 *     cap on an object that keeps triggering itself. A provision takes 3 reconciles. A reconcile
 *     over the cap is delayed, never dropped: java-operator-sdk 5.2.3's limiter waits the time
 *     already spent in the period, so up to about two periods.
 * @param ratePeriod the period of {@code rateLimit}
 */
public record ReconcilePacing(Duration resyncInterval, int rateLimit, Duration ratePeriod) {

  /** Longer would overflow the framework's timers, and a week without a resync is no resync. */
  static final Duration MAX_RESYNC = Duration.ofDays(7);

  public ReconcilePacing {
    if (resyncInterval.isNegative()
        || resyncInterval.isZero()
        || resyncInterval.compareTo(MAX_RESYNC) > 0) {
      throw new IllegalArgumentException(
          "RESYNC_INTERVAL_SECONDS must be between 1 and "
              + MAX_RESYNC.toSeconds()
              + " (7 days), got "
              + resyncInterval.toSeconds());
    }
    if (rateLimit < 0) {
      throw new IllegalArgumentException(
          "RECONCILE_RATE_LIMIT must be 0 (no limit) or positive, got " + rateLimit);
    }
    if (ratePeriod.isNegative() || ratePeriod.isZero() || ratePeriod.compareTo(MAX_RESYNC) > 0) {
      throw new IllegalArgumentException(
          "RECONCILE_RATE_PERIOD_SECONDS must be between 1 and "
              + MAX_RESYNC.toSeconds()
              + ", got "
              + ratePeriod.toSeconds());
    }
  }

  public static ReconcilePacing defaults() {
    return new ReconcilePacing(Duration.ofHours(1), 20, Duration.ofSeconds(10));
  }

  public static ReconcilePacing fromEnvironment(Map<String, String> env) {
    ReconcilePacing d = defaults();
    return new ReconcilePacing(
        Duration.ofSeconds(number(env, "RESYNC_INTERVAL_SECONDS", d.resyncInterval().toSeconds())),
        rateLimit(env, d.rateLimit()),
        Duration.ofSeconds(
            number(env, "RECONCILE_RATE_PERIOD_SECONDS", d.ratePeriod().toSeconds())));
  }

  public boolean limited() {
    return rateLimit > 0;
  }

  public ReconcilePacing withResyncInterval(Duration interval) {
    return new ReconcilePacing(interval, rateLimit, ratePeriod);
  }

  public ReconcilePacing withRateLimit(int limit, Duration period) {
    return new ReconcilePacing(resyncInterval, limit, period);
  }

  private static int rateLimit(Map<String, String> env, int fallback) {
    long limit = number(env, "RECONCILE_RATE_LIMIT", fallback);
    if (limit > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("RECONCILE_RATE_LIMIT is too large: " + limit);
    }
    return (int) limit;
  }

  private static long number(Map<String, String> env, String key, long fallback) {
    String raw = env.get(key);
    if (raw == null || raw.isBlank()) return fallback;
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'", e);
    }
  }
}
