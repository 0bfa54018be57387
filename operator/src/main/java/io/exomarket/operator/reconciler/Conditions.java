package io.exomarket.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sets conditions by Kubernetes API conventions: {@code lastTransitionTime} moves only when the
 * status of a condition flips, and every condition carries the observed generation.
 */
public final class Conditions {
  private final List<Condition> previous;
  private final List<Condition> next = new ArrayList<>();
  private final long generation;
  private final String now;

  public Conditions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now.toString();
  }

  public Conditions set(String type, boolean status, Reason reason, String message) {
    String value = status ? "True" : "False";
    String transition =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(now);
    next.removeIf(c -> type.equals(c.getType()));
    next.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason.value())
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    return this;
  }

  /** Keeps a condition this builder does not own (e.g. one metering writes) as it was. */
  public Conditions keep(String type) {
    previous.stream().filter(c -> type.equals(c.getType())).findFirst().ifPresent(next::add);
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(next);
  }
}
