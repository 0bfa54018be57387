package io.exomarket.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workload graph ready to render: resources in topological order (a resource after those its
 * template reads; declaration order among independent ones) and the outputs. Immutable; made once
 * per offering generation by {@link WorkloadGraphCompiler} and shared by every instance.
 */
public final class CompiledGraph {
  private final List<CompiledResource> resources;
  private final Map<String, CompiledResource> byId = new LinkedHashMap<>();
  private final List<CompiledOutput> outputs;

  CompiledGraph(List<CompiledResource> orderedResources, List<CompiledOutput> outputs) {
    this.resources = List.copyOf(orderedResources);
    this.outputs = List.copyOf(outputs);
    resources.forEach(r -> byId.put(r.id(), r));
  }

  /** In topological order. */
  public List<CompiledResource> resources() {
    return resources;
  }

  public Optional<CompiledResource> resource(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  public List<CompiledOutput> outputs() {
    return outputs;
  }

  public Optional<CompiledOutput> output(String name) {
    return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
  }
}
