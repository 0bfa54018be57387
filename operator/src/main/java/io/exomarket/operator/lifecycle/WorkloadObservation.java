package io.exomarket.operator.lifecycle;

import io.exomarket.graph.GraphStatus;

/** What the workload graph says about the workload, reduced to what the lifecycle needs. */
public enum WorkloadObservation {
  /** Something is missing, waiting, or not ready (resp. not suspended) yet. */
  PROGRESSING,
  /** Every included resource is ready. */
  READY,
  /** Every included resource has reached its suspended form. */
  STOPPED;

  public static WorkloadObservation of(GraphStatus graph, boolean wantSuspended) {
    if (wantSuspended) {
      return graph.suspended() ? STOPPED : PROGRESSING;
    }
    return graph.ready() ? READY : PROGRESSING;
  }
}
