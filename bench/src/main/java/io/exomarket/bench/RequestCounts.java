package io.exomarket.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The API server's {@code apiserver_request_total}, summed over response codes, by "VERB
 * resource[/subresource]". Differences of two snapshots are what a phase cost.
 */
public record RequestCounts(Map<String, Long> byKey) {
  public static final RequestCounts UNAVAILABLE = new RequestCounts(null);

  public boolean available() {
    return byKey != null;
  }

  public RequestCounts minus(RequestCounts before) {
    if (!available() || !before.available()) {
      return UNAVAILABLE;
    }
    Map<String, Long> diff = new TreeMap<>();
    byKey.forEach(
        (key, count) -> {
          long delta = count - before.byKey.getOrDefault(key, 0L);
          if (delta > 0) {
            diff.put(key, delta);
          }
        });
    return new RequestCounts(diff);
  }

  public RequestCounts plus(RequestCounts other) {
    if (!available() || !other.available()) {
      return UNAVAILABLE;
    }
    Map<String, Long> sum = new TreeMap<>(byKey);
    other.byKey.forEach((key, count) -> sum.merge(key, count, Long::sum));
    return new RequestCounts(sum);
  }

  public RequestCounts only(java.util.function.Predicate<String> keys) {
    if (!available()) {
      return UNAVAILABLE;
    }
    Map<String, Long> kept = new TreeMap<>();
    byKey.forEach(
        (key, count) -> {
          if (keys.test(key)) {
            kept.put(key, count);
          }
        });
    return new RequestCounts(kept);
  }

  public long total() {
    return available() ? byKey.values().stream().mapToLong(Long::longValue).sum() : -1;
  }

  /** Requests per instance, or NaN where the server has no metrics (the mock). */
  public double perInstance(int instances) {
    return available() ? (double) total() / instances : Double.NaN;
  }
}
