package io.exomarket.graph;

import io.exomarket.api.v1alpha1.WorkloadOutputs;
import io.exomarket.graph.cel.CelEnvironment;
import io.exomarket.graph.template.TemplateCompiler;
import io.exomarket.graph.template.TemplateNode;
import java.util.ArrayList;
import java.util.List;

/** Compiles the outputs: string templates that may read the inputs and every resource. */
final class OutputCompiler {
  private OutputCompiler() {}

  static List<CompiledOutput> compile(
      WorkloadOutputs outputs, CelEnvironment environment, List<GraphProblem> problems) {
    List<CompiledOutput> compiled = new ArrayList<>();
    if (outputs == null) return compiled;
    for (String name : outputs.getExtra().keySet()) {
      if (name.isBlank()
          || name.equals(WorkloadOutputs.DASHBOARD_URL)
          || name.equals(WorkloadOutputs.ENDPOINT)) {
        problems.add(
            new GraphProblem(
                null,
                "outputs.extra." + name,
                null,
                "extra outputs need a name other than dashboardUrl and endpoint"));
      }
    }
    outputs
        .byName()
        .forEach(
            (name, source) -> {
              TemplateCompiler compiler = new TemplateCompiler(environment);
              TemplateNode value = compiler.compile(source, "outputs." + name);
              compiler
                  .errors()
                  .forEach(
                      e ->
                          problems.add(
                              new GraphProblem(null, e.path(), e.expression(), e.message())));
              compiled.add(new CompiledOutput(name, value, compiler.references()));
            });
    return compiled;
  }
}
