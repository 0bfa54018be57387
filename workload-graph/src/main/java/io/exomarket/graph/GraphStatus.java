package io.exomarket.graph;

import io.exomarket.graph.RenderedResource.Desired;
import io.exomarket.graph.RenderedResource.Excluded;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the whole graph is ready, or suspended, given a render and the live objects: every
 * included resource must be rendered, exist and be ready (resp. suspended). Excluded resources do
 * not count.
 *
 * @param notReady one line per resource that holds readiness back ("id: reason")
 * @param notSuspended likewise for suspension
 */
public record GraphStatus(
    boolean ready, boolean suspended, List<String> notReady, List<String> notSuspended) {

  public static GraphStatus of(CompiledGraph graph, GraphRender render, GraphInputs inputs) {
    List<String> notReady = new ArrayList<>();
    List<String> notSuspended = new ArrayList<>();
    for (RenderedResource result : render.resources()) {
      if (result instanceof Excluded) continue;
      if (!(result instanceof Desired)) {
        String reason = result.id() + ": " + describe(result);
        notReady.add(reason);
        notSuspended.add(reason);
        continue;
      }
      CompiledResource resource = graph.resource(result.id()).orElseThrow();
      Readiness.Verdict ready = Readiness.ready(resource, inputs);
      if (!ready.satisfied()) notReady.add(result.id() + ": " + ready.reason());
      Readiness.Verdict suspended = Readiness.suspended(resource, inputs);
      if (!suspended.satisfied()) notSuspended.add(result.id() + ": " + suspended.reason());
    }
    return new GraphStatus(
        notReady.isEmpty(),
        notSuspended.isEmpty(),
        List.copyOf(notReady),
        List.copyOf(notSuspended));
  }

  private static String describe(RenderedResource result) {
    if (result instanceof RenderedResource.Waiting waiting) return waiting.reason();
    if (result instanceof RenderedResource.Failed failed) return failed.problem().toString();
    return result.toString();
  }
}
