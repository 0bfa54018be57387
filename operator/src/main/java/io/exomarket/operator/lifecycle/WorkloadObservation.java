package io.exomarket.operator.lifecycle;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

/** What the StatefulSet says about the workload, reduced to what the lifecycle needs. */
public enum WorkloadObservation {
  /** Missing, or the controller has not caught up with the latest spec yet. */
  PROGRESSING,
  /** Every desired replica runs the latest spec and is ready. */
  READY,
  /** Scaled to zero and no pod is left. */
  STOPPED;

  public static WorkloadObservation of(StatefulSet sts) {
    if (sts == null || sts.getStatus() == null) {
      return PROGRESSING;
    }
    StatefulSetStatus status = sts.getStatus();
    Long generation = sts.getMetadata().getGeneration();
    if (generation != null
        && (status.getObservedGeneration() == null
            || status.getObservedGeneration() < generation)) {
      return PROGRESSING;
    }
    int desired = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    if (desired == 0) {
      return orZero(status.getReplicas()) == 0 ? STOPPED : PROGRESSING;
    }
    boolean allReady = orZero(status.getReadyReplicas()) >= desired;
    boolean allUpdated = orZero(status.getUpdatedReplicas()) >= desired;
    return allReady && allUpdated ? READY : PROGRESSING;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
