package io.exomarket.graph;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.graph.RenderedResource.Desired;
import io.exomarket.graph.RenderedResource.Excluded;
import io.exomarket.graph.RenderedResource.Failed;
import io.exomarket.graph.RenderedResource.Waiting;
import io.exomarket.graph.cel.ExpressionException;
import io.exomarket.graph.template.TemplateRenderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a compiled graph for one instance. Walks the resources in topological order: a resource
 * is excluded by a false includeWhen or by reading an excluded resource (as in kro); it waits while
 * a resource it reads is missing, not ready (while the instance is suspended: neither ready nor
 * suspended), waiting or failed; otherwise its template is evaluated. Never compiles anything: it
 * only runs the programs of the {@link CompiledGraph}.
 */
public final class GraphRenderer {
  private GraphRenderer() {}

  public static GraphRender render(CompiledGraph graph, GraphInputs inputs) {
    Map<String, RenderedResource> done = new LinkedHashMap<>();
    for (CompiledResource resource : graph.resources()) {
      done.put(resource.id(), renderOne(graph, resource, inputs, done));
    }
    return new GraphRender(List.copyOf(done.values()));
  }

  private static RenderedResource renderOne(
      CompiledGraph graph,
      CompiledResource resource,
      GraphInputs inputs,
      Map<String, RenderedResource> done) {
    String id = resource.id();
    for (int i = 0; i < resource.includeWhen().size(); i++) {
      var condition = resource.includeWhen().get(i);
      try {
        if (!condition.test(inputs.activation())) {
          return new Excluded(id, "includeWhen[" + i + "] is false: " + condition.source());
        }
      } catch (ExpressionException e) {
        return new Failed(
            id, new GraphProblem(id, "includeWhen[" + i + "]", condition.source(), e.getMessage()));
      }
    }
    List<String> waitingFor = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (String dependency : resource.dependencies()) {
      RenderedResource state = done.get(dependency);
      if (state instanceof Excluded) {
        return new Excluded(id, "it reads " + dependency + ", which is excluded");
      }
      String reason;
      if (state instanceof Waiting) {
        reason = "it is waiting itself";
      } else if (state instanceof Failed) {
        reason = "it failed";
      } else {
        CompiledResource read = graph.resource(dependency).orElseThrow();
        reason = Readiness.ready(read, inputs).reason();
        // While suspended, a resource in its suspended form is as good as ready: a hibernated
        // database keeps what reads it (its backup schedule) in line, to be suspended in turn.
        if (reason != null && inputs.suspended() && Readiness.isSuspended(read, inputs)) {
          reason = null;
        }
      }
      if (reason != null) {
        waitingFor.add(dependency);
        reasons.add(dependency + ": " + reason);
      }
    }
    if (!waitingFor.isEmpty())
      return new Waiting(id, waitingFor, "waiting for " + String.join("; ", reasons));
    Object object;
    try {
      object = resource.template().render(inputs.activation());
    } catch (TemplateRenderException e) {
      return new Failed(id, new GraphProblem(id, e.path(), e.expression(), e.reason()));
    }
    if (!(object instanceof Map<?, ?> map)
        || map.get("metadata") != null && !(map.get("metadata") instanceof Map)
        || metadataLabels(map) != null && !(metadataLabels(map) instanceof Map)) {
      return new Failed(
          id,
          new GraphProblem(
              id, "template.metadata", null, "metadata and its labels must be objects"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> desired = (Map<String, Object>) map;
    return new Desired(id, withInstanceMetadata(desired, id, inputs));
  }

  private static Object metadataLabels(Map<?, ?> object) {
    return object.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("labels") : null;
  }

  /**
   * Name defaulted, namespace the instance's, and the labels the operator's informers select on and
   * finds the live object of each resource by.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withInstanceMetadata(
      Map<String, Object> object, String id, GraphInputs inputs) {
    Map<String, Object> metadata =
        (Map<String, Object>)
            object.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>());
    Object name = metadata.get("name");
    if (name == null || String.valueOf(name).isBlank()) {
      metadata.put("name", ObjectNames.defaultName(inputs.instanceName(), id));
    }
    metadata.put("namespace", inputs.instanceNamespace());
    Map<String, Object> labels =
        (Map<String, Object>)
            metadata.computeIfAbsent("labels", k -> new LinkedHashMap<String, Object>());
    labels.put(ApiGroup.INSTANCE_LABEL, inputs.instanceName());
    labels.put(ApiGroup.RESOURCE_LABEL, id);
    labels.put(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE);
    labels.put("app.kubernetes.io/instance", inputs.instanceName());
    return object;
  }
}
