package io.exomarket.graph;

import io.exomarket.api.v1alpha1.GraphResource;
import io.exomarket.graph.cel.CelEnvironment;
import io.exomarket.graph.cel.CompiledExpression;
import io.exomarket.graph.template.TemplateCompiler;
import io.exomarket.graph.template.TemplateError;
import io.exomarket.graph.template.TemplateNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles one resource: its template and its conditions, with the rules of what each may read.
 * includeWhen reads only the inputs (whether a resource exists must not depend on live state, as in
 * kro); readyWhen and suspendedWhen read the inputs and the resource's own live object.
 */
final class ResourceCompiler {
  private final CelEnvironment environment;
  private final List<String> ids;
  private final List<GraphProblem> problems;

  ResourceCompiler(CelEnvironment environment, List<String> ids, List<GraphProblem> problems) {
    this.environment = environment;
    this.ids = ids;
    this.problems = problems;
  }

  CompiledResource compile(GraphResource resource) {
    String id = resource.getId();
    TemplateCompiler templates = new TemplateCompiler(environment);
    TemplateNode template = templates.compile(resource.getTemplate(), "template");
    report(id, templates.errors());
    Set<String> dependencies = new LinkedHashSet<>();
    for (String other : ids) {
      if (templates.references().contains(other)) dependencies.add(other);
    }
    if (dependencies.remove(id)) {
      problems.add(
          new GraphProblem(
              id,
              "template",
              null,
              "dependency cycle: "
                  + id
                  + " -> "
                  + id
                  + " (a template cannot read its own resource)"));
    }
    checkName(resource);
    Set<String> inputs = new LinkedHashSet<>(CelEnvironment.INPUTS);
    Set<String> inputsAndSelf = new LinkedHashSet<>(CelEnvironment.INPUTS);
    inputsAndSelf.add(id);
    return new CompiledResource(
        id,
        String.valueOf(resource.getTemplate().get("apiVersion")),
        String.valueOf(resource.getTemplate().get("kind")),
        template,
        conditions(id, "includeWhen", resource.getIncludeWhen(), inputs),
        conditions(id, "readyWhen", resource.getReadyWhen(), inputsAndSelf),
        conditions(id, "suspendedWhen", resource.getSuspendedWhen(), inputsAndSelf),
        dependencies,
        resource.getDeletionPolicy(),
        resource.getUpdatePolicy());
  }

  private List<CompiledExpression> conditions(
      String id, String field, List<String> sources, Set<String> allowed) {
    List<CompiledExpression> compiled = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String path = field + "[" + i + "]";
      String source = unwrap(sources.get(i));
      TemplateCompiler compiler = new TemplateCompiler(environment);
      CompiledExpression expression = compiler.compileExpression(source, path);
      report(id, compiler.errors());
      if (expression == null) continue;
      Set<String> forbidden = new LinkedHashSet<>(expression.references());
      forbidden.removeAll(allowed);
      if (!forbidden.isEmpty()) {
        problems.add(
            new GraphProblem(
                id,
                path,
                source,
                field
                    + " may read only "
                    + String.join(", ", allowed)
                    + "; it reads "
                    + String.join(", ", forbidden)));
      } else if (!expression.mayBeBoolean()) {
        problems.add(
            new GraphProblem(
                id,
                path,
                source,
                field + " must be a boolean; the expression is " + expression.resultType().name()));
      } else {
        compiled.add(expression);
      }
    }
    return compiled;
  }

  /**
   * Instances of one organization share a namespace: a name that does not vary with the instance (a
   * literal, or one read from plan or offering only) would make them fight over one object.
   */
  private void checkName(GraphResource resource) {
    Object name =
        resource.getTemplate().get("metadata") instanceof java.util.Map<?, ?> metadata
            ? metadata.get("name")
            : null;
    if (name == null) return;
    TemplateCompiler compiler = new TemplateCompiler(environment);
    compiler.compile(name, "template.metadata.name");
    boolean perInstance =
        compiler.references().stream().anyMatch(r -> r.equals("instance") || ids.contains(r));
    if (compiler.errors().isEmpty() && !perInstance) {
      problems.add(
          new GraphProblem(
              resource.getId(),
              "template.metadata.name",
              null,
              "the name must differ per instance (read instance, e.g. ${instance.name}-web, or leave it out"
                  + " for <instance>-<id>): instances of one organization share a namespace"));
    }
  }

  /**
   * Conditions are plain CEL; a condition written as one ${...} (kro's spelling) is accepted too.
   */
  private static String unwrap(String source) {
    String trimmed = source == null ? "" : source.trim();
    if (trimmed.startsWith("${") && trimmed.endsWith("}") && trimmed.indexOf("${", 2) < 0) {
      return trimmed.substring(2, trimmed.length() - 1).trim();
    }
    return trimmed;
  }

  private void report(String id, List<TemplateError> errors) {
    errors.forEach(e -> problems.add(new GraphProblem(id, e.path(), e.expression(), e.message())));
  }
}
