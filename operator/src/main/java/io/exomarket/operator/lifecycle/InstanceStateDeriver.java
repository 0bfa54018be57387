package io.exomarket.operator.lifecycle;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.OperationType;

/** Derives the one-word state from facts; pure, so it is unit-tested on its own. */
public final class InstanceStateDeriver {
  private InstanceStateDeriver() {}

  /**
   * @param wantSuspended spec.suspended
   * @param workload what the StatefulSet reports
   * @param everReady whether the instance was ever Ready (billableSince is set)
   * @param operation the operation in progress or last run
   */
  public static InstanceState derive(
      boolean wantSuspended,
      WorkloadObservation workload,
      boolean everReady,
      OperationType operation) {
    if (wantSuspended) {
      return workload == WorkloadObservation.STOPPED
          ? InstanceState.Suspended
          : InstanceState.Suspending;
    }
    if (workload == WorkloadObservation.READY) {
      return InstanceState.Ready;
    }
    if (!everReady) {
      return InstanceState.Provisioning;
    }
    return operation == OperationType.RESUME ? InstanceState.Resuming : InstanceState.Updating;
  }

  /** Whether the state is where the spec wants the instance to be. */
  public static boolean isSettled(InstanceState state) {
    return state == InstanceState.Ready || state == InstanceState.Suspended;
  }
}
