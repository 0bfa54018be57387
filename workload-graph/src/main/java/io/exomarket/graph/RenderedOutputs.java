package io.exomarket.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outputs that could be rendered, by name (see {@link OutputRenderer} for when one is absent),
 * and the problems of those that failed although everything they read was ready.
 */
public record RenderedOutputs(Map<String, String> values, List<GraphProblem> problems) {
  public RenderedOutputs {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    problems = List.copyOf(problems);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }
}
