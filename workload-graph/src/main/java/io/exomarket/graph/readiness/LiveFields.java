package io.exomarket.graph.readiness;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tolerant reads of a live object in plain form: a missing or mistyped field is empty. */
public final class LiveFields {
  private LiveFields() {}

  /** The value at a dotted path ("status.readyReplicas"). */
  public static Optional<Object> get(Map<String, ?> object, String path) {
    Object current = object;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) return Optional.empty();
      current = map.get(key);
    }
    return Optional.ofNullable(current);
  }

  public static Optional<Long> number(Map<String, ?> object, String path) {
    return get(object, path).filter(Number.class::isInstance).map(n -> ((Number) n).longValue());
  }

  public static long numberOr(Map<String, ?> object, String path, long fallback) {
    return number(object, path).orElse(fallback);
  }

  public static Optional<String> string(Map<String, ?> object, String path) {
    return get(object, path).filter(String.class::isInstance).map(String.class::cast);
  }

  public static List<?> list(Map<String, ?> object, String path) {
    return get(object, path).filter(List.class::isInstance).map(l -> (List<?>) l).orElse(List.of());
  }

  /** The status ("True", "False", "Unknown") of the condition of a type in status.conditions. */
  public static Optional<String> condition(Map<String, ?> object, String type) {
    for (Object item : list(object, "status.conditions")) {
      if (item instanceof Map<?, ?> condition && type.equals(condition.get("type"))) {
        return Optional.ofNullable(condition.get("status")).map(String::valueOf);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the controller has seen the latest spec: status.observedGeneration >=
   * metadata.generation.
   */
  public static boolean observedLatestGeneration(Map<String, ?> object) {
    Optional<Long> generation = number(object, "metadata.generation");
    if (generation.isEmpty()) return true;
    return number(object, "status.observedGeneration")
        .map(o -> o >= generation.get())
        .orElse(false);
  }
}
