package io.exomarket.operator.retention;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a deprovisioned instance's data is retained, and the marks its objects then get. The
 * period is the offering's {@code retention.retainFor} at deprovision time; zero retains nothing.
 */
public final class RetentionPolicy {
  private final Clock clock;
  private final Function<ManagedServiceInstance, Duration> retainFor;

  public RetentionPolicy(Clock clock, Function<ManagedServiceInstance, Duration> retainFor) {
    this.clock = clock;
    this.retainFor = retainFor;
  }

  /** Never retains: deprovision deletes the data at once. */
  public static RetentionPolicy none() {
    return new RetentionPolicy(Clock.systemUTC(), i -> Duration.ZERO);
  }

  public Optional<RetentionMarks> marksFor(ManagedServiceInstance instance) {
    Duration period = retainFor.apply(instance);
    if (period == null || period.isZero() || period.isNegative()) {
      return Optional.empty();
    }
    return Optional.of(RetentionMarks.of(instance, clock.instant().plus(period)));
  }
}
