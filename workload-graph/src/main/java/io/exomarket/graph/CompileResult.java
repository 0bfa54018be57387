package io.exomarket.graph;

import java.util.List;
import java.util.stream.Collectors;

/** A compiled graph, or every problem found (then there is no graph). */
public record CompileResult(CompiledGraph graph, List<GraphProblem> problems) {
  public CompileResult {
    problems = List.copyOf(problems);
    if ((graph == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("either a graph or problems");
    }
  }

  static CompileResult of(List<GraphProblem> problems) {
    return new CompileResult(null, problems);
  }

  public boolean isValid() {
    return graph != null;
  }

  /** The graph; an IllegalStateException listing the problems if there is none. */
  public CompiledGraph orElseThrow() {
    if (graph == null) {
      throw new IllegalStateException(
          "invalid workload graph: "
              + problems.stream().map(GraphProblem::toString).collect(Collectors.joining("; ")));
    }
    return graph;
  }
}
