package io.exomarket.graph;

import java.util.List;
import java.util.Map;

/** What a render decided for one resource. */
public sealed interface RenderedResource {
  String id();

  /** An includeWhen is false, or it reads an excluded resource: it must not exist (delete it). */
  record Excluded(String id, String reason) implements RenderedResource {}

  /** It reads resources that are not there or not ready yet: leave it as it is for now. */
  record Waiting(String id, List<String> waitingFor, String reason) implements RenderedResource {}

  /**
   * The object to create or update: metadata.name defaulted, metadata.namespace the instance's, the
   * instance labels set. Plain JSON-like maps; the caller owns it.
   */
  record Desired(String id, Map<String, Object> object) implements RenderedResource {}

  /** An expression failed: nothing can be said about the object until the offering is fixed. */
  record Failed(String id, GraphProblem problem) implements RenderedResource {}
}
