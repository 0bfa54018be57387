package io.exomarket.api.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a condition list by Kubernetes API conventions: {@code lastTransitionTime} moves only when
 * the status of a condition flips, and every condition set here carries the observed generation.
 * Conditions not set are kept as they were.
 */
public final class Conditions {
  private final List<Condition> previous;
  private final Map<String, Condition> next = new LinkedHashMap<>();
  private final long generation;
  private final String now;

  public Conditions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now.toString();
    this.previous.forEach(c -> next.put(c.getType(), c));
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
    next.put(
        type,
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

  public Conditions remove(String type) {
    next.remove(type);
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(new ArrayList<>(next.values()));
  }
}
