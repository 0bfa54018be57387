package io.exomarket.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of a render: one {@link RenderedResource} per resource, in topological order. */
public final class GraphRender {
  private final Map<String, RenderedResource> byId = new LinkedHashMap<>();

  GraphRender(List<RenderedResource> results) {
    results.forEach(r -> byId.put(r.id(), r));
  }

  /** In topological order: create in this order, delete in the reverse. */
  public List<RenderedResource> resources() {
    return List.copyOf(byId.values());
  }

  public Optional<RenderedResource> resource(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public <T extends RenderedResource> List<T> only(Class<T> type) {
    return byId.values().stream().filter(type::isInstance).map(type::cast).toList();
  }

  public List<GraphProblem> problems() {
    return only(RenderedResource.Failed.class).stream()
        .map(RenderedResource.Failed::problem)
        .toList();
  }
}
