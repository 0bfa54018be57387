package io.exomarket.graph;

import io.exomarket.api.v1alpha1.GraphResource;
import io.exomarket.graph.cel.CelEnvironment;
import io.exomarket.graph.template.TemplateScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks that need no CEL: ids (CEL identifiers, unique, not reserved) and the shape of each
 * template. Whether a kind is namespaced needs discovery: the operator refuses cluster-scoped kinds
 * when it resolves them.
 */
final class DeclarationChecks {
  private static final Pattern IDENTIFIER = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

  private DeclarationChecks() {}

  static List<GraphProblem> check(List<GraphResource> resources) {
    List<GraphProblem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (GraphResource resource : resources) {
      String id = resource.getId();
      if (id == null || !IDENTIFIER.matcher(id).matches()) {
        problems.add(
            new GraphProblem(
                id, "id", null, "the id must be a CEL identifier ([a-zA-Z_][a-zA-Z0-9_]*)"));
      } else if (CelEnvironment.INPUTS.contains(id)) {
        problems.add(
            new GraphProblem(
                id,
                "id",
                null,
                "'" + id + "' is reserved (instance, plan and offering are inputs)"));
      } else if (!seen.add(id)) {
        problems.add(
            new GraphProblem(
                id, "id", null, "the id '" + id + "' is used by more than one resource"));
      }
      checkTemplate(resource, problems);
    }
    return problems;
  }

  private static void checkTemplate(GraphResource resource, List<GraphProblem> problems) {
    String id = resource.getId();
    Map<String, Object> template = resource.getTemplate();
    if (template == null || template.isEmpty()) {
      problems.add(
          new GraphProblem(id, "template", null, "the template must be a Kubernetes object"));
      return;
    }
    for (String field : List.of("apiVersion", "kind")) {
      Object value = template.get(field);
      if (!(value instanceof String text) || text.isBlank()) {
        problems.add(new GraphProblem(id, "template." + field, null, field + " must be set"));
      } else if (TemplateScanner.isTemplated(text)) {
        problems.add(
            new GraphProblem(
                id,
                "template." + field,
                null,
                field + " cannot be templated (the operator watches the kind)"));
      }
    }
    Object metadata = template.get("metadata");
    if (metadata != null && !(metadata instanceof Map)) {
      problems.add(new GraphProblem(id, "template.metadata", null, "metadata must be an object"));
    } else if (metadata instanceof Map<?, ?> meta && meta.containsKey("namespace")) {
      problems.add(
          new GraphProblem(
              id,
              "template.metadata.namespace",
              null,
              "must not be set: every object goes to the instance's namespace"));
    }
  }
}
