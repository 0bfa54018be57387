package io.exomarket.operator.steps;

import java.time.Duration;
import java.util.Optional;

/** When a step wants the instance reconciled again without an event; {@link #NEVER} for none. */
public record Requeue(Optional<Duration> after) {
  public static final Requeue NEVER = new Requeue(Optional.empty());

  public static Requeue in(Duration delay) {
    return new Requeue(Optional.of(delay));
  }

  /** The sooner of the two. */
  public Requeue and(Requeue other) {
    if (after.isEmpty()) {
      return other;
    }
    return other.after.isEmpty() || after.get().compareTo(other.after.get()) <= 0 ? this : other;
  }
}
