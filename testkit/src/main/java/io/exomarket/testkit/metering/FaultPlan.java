package io.exomarket.testkit.metering;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Which fault, if any, the next metering request gets: queued faults first, in order; otherwise one
 * draw from a seeded {@link Random}, so a run is reproducible for a given seed and arrival order.
 */
final class FaultPlan {
  private final Deque<SinkFault> queued = new ArrayDeque<>();
  private final Map<SinkFault, Double> probabilities = new EnumMap<>(SinkFault.class);
  private final Random random;

  FaultPlan(long seed) {
    this.random = new Random(seed);
  }

  synchronized void enqueue(SinkFault... faults) {
    for (SinkFault f : faults) {
      queued.add(f);
    }
  }

  synchronized void probability(SinkFault fault, double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("probability must be within [0, 1]");
    }
    double others =
        probabilities.entrySet().stream()
            .filter(e -> e.getKey() != fault)
            .mapToDouble(Map.Entry::getValue)
            .sum();
    if (others + p > 1 + 1e-9) {
      throw new IllegalArgumentException("fault probabilities add up to more than 1");
    }
    probabilities.put(fault, p);
  }

  synchronized void clear() {
    queued.clear();
    probabilities.clear();
  }

  synchronized Optional<SinkFault> next() {
    if (!queued.isEmpty()) {
      return Optional.of(queued.poll());
    }
    if (probabilities.isEmpty()) {
      return Optional.empty();
    }
    double u = random.nextDouble();
    double cumulative = 0;
    for (Map.Entry<SinkFault, Double> e : probabilities.entrySet()) {
      cumulative += e.getValue();
      if (u < cumulative) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }
}
