package io.exomarket.graph;

import io.exomarket.graph.cel.GraphFunctions;
import io.exomarket.graph.template.TemplateRenderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the outputs of a compiled graph. An output that reads a resource not observed yet is
 * absent; so is one that fails while a resource it reads is not ready (its status is still being
 * written); a failure once they are all ready is a problem. The broker calls this with no live
 * objects: then only the outputs that read nothing but the inputs ({@link
 * CompiledOutput#dependsOnlyOnInputs()}) come out.
 */
public final class OutputRenderer {
  private OutputRenderer() {}

  public static RenderedOutputs render(CompiledGraph graph, GraphInputs inputs) {
    Map<String, String> values = new LinkedHashMap<>();
    List<GraphProblem> problems = new ArrayList<>();
    for (CompiledOutput output : graph.outputs()) {
      boolean observed =
          output.references().stream()
              .allMatch(name -> graph.resource(name).isEmpty() || inputs.live(name).isPresent());
      if (!observed) continue;
      try {
        Object value = output.value().render(inputs.activation());
        if (value != null)
          values.put(
              output.name(), value instanceof String text ? text : GraphFunctions.toJson(value));
      } catch (TemplateRenderException e) {
        if (readResourcesAreReady(graph, output, inputs)) {
          problems.add(new GraphProblem(null, e.path(), e.expression(), e.reason()));
        }
      } catch (Exception e) {
        problems.add(new GraphProblem(null, "outputs." + output.name(), null, e.getMessage()));
      }
    }
    return new RenderedOutputs(values, problems);
  }

  private static boolean readResourcesAreReady(
      CompiledGraph graph, CompiledOutput output, GraphInputs inputs) {
    return output.references().stream()
        .flatMap(name -> graph.resource(name).stream())
        .allMatch(resource -> Readiness.isReady(resource, inputs));
  }
}
