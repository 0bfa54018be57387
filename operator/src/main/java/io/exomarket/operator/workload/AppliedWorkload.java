package io.exomarket.operator.workload;

import io.exomarket.api.status.Reason;
import io.exomarket.graph.GraphStatus;
import io.exomarket.graph.RenderedOutputs;
import java.util.Optional;

/**
 * What applying the graph found: whether the whole workload is ready or suspended (and what holds
 * it back), the outputs that could be rendered, and what blocks the instance until the offering or
 * the cluster changes (a failing expression, an object the API server refuses).
 */
public record AppliedWorkload(
    GraphStatus status, RenderedOutputs outputs, Reason blockedBy, String blockMessage) {

  public static AppliedWorkload of(GraphStatus status, RenderedOutputs outputs) {
    return new AppliedWorkload(status, outputs, null, null);
  }

  public AppliedWorkload blocked(Reason reason, String message) {
    return new AppliedWorkload(status, outputs, reason, message);
  }

  public Optional<Reason> blocker() {
    return Optional.ofNullable(blockedBy);
  }
}
