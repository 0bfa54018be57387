package io.exomarket.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders ids so that each comes after its dependencies, keeping declaration order among free ones.
 */
final class TopologicalOrder {
  private TopologicalOrder() {}

  /** A dependency cycle, as the path that closes it ("a", "b", "a"). */
  static final class CycleException extends Exception {
    private final List<String> cycle;

    CycleException(List<String> cycle) {
      super("dependency cycle: " + String.join(" -> ", cycle));
      this.cycle = List.copyOf(cycle);
    }

    List<String> cycle() {
      return cycle;
    }
  }

  /**
   * @param ids in declaration order
   * @param dependencies for each id, the ids it needs first (ids outside {@code ids} are ignored)
   */
  static List<String> sort(List<String> ids, Map<String, Set<String>> dependencies)
      throws CycleException {
    List<String> ordered = new ArrayList<>();
    Set<String> remaining = new LinkedHashSet<>(ids);
    while (!remaining.isEmpty()) {
      String next = null;
      for (String id : remaining) {
        if (dependencies.getOrDefault(id, Set.of()).stream().noneMatch(remaining::contains)) {
          next = id;
          break;
        }
      }
      if (next == null) throw new CycleException(findCycle(remaining, dependencies));
      ordered.add(next);
      remaining.remove(next);
    }
    return ordered;
  }

  /** Every remaining id waits on another remaining one, so walking those edges must revisit one. */
  private static List<String> findCycle(
      Set<String> remaining, Map<String, Set<String>> dependencies) {
    List<String> path = new ArrayList<>();
    String current = remaining.iterator().next();
    while (!path.contains(current)) {
      path.add(current);
      current =
          dependencies.get(current).stream().filter(remaining::contains).findFirst().orElseThrow();
    }
    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
    cycle.add(current);
    return cycle;
  }
}
