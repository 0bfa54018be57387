package io.exomarket.operator.outbound;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between attempts of an outbound call: base, 2 x base, 4 x base
 * ... up to {@code max}, each within -10 % / +10 %, so that many instances failing together do not
 * retry in lockstep.
 */
public record Backoff(Duration base, Duration max) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  public Backoff withMax(Duration newMax) {
    return new Backoff(base, newMax);
  }

  /** The wait after {@code attempts} failed attempts (1 for the first). */
  public Duration after(int attempts) {
    long exponential = base.toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
    long capped = Math.min(exponential, max.toMillis());
    long jitter = ThreadLocalRandom.current().nextLong(capped / 5 + 1);
    return Duration.ofMillis(capped - capped / 10 + jitter);
  }
}
