package io.exomarket.operator.reconciler;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import java.time.Instant;

/**
 * Turns a state (and, when failed, its reason) into the conditions and message of the status.
 * The one place that maps state to condition reasons, so they never disagree.
 */
public final class StatusComposer {
  private StatusComposer() {}

  /**
   * @param failure the reason when {@code state} is Failed, else null
   * @param message what to tell humans
   */
  public static void compose(
      ManagedServiceInstance instance,
      ManagedServiceInstanceStatus status,
      InstanceState state,
      Reason failure,
      String message,
      Instant now) {
    long generation = instance.getMetadata().getGeneration() == null ? 0 : instance.getMetadata().getGeneration();
    Reason reason = state == InstanceState.Failed ? failure : InstanceStateDeriver.reasonOf(state);
    boolean ready = InstanceStateDeriver.isSettled(state);
    boolean stalled = state == InstanceState.Failed;
    boolean suspended = instance.getSpec().isSuspended();

    Conditions conditions = new Conditions(status.getConditions(), generation, now)
        .set(ConditionTypes.READY, ready, reason, message)
        .set(ConditionTypes.RECONCILING, !ready && !stalled, reason, ready || stalled ? "" : message)
        .set(ConditionTypes.STALLED, stalled, stalled ? failure : Reason.RECONCILED, stalled ? message : "")
        .set(
            ConditionTypes.SUSPENDED,
            suspended,
            suspended ? InstanceStateDeriver.reasonOf(state == InstanceState.Suspended ? state : InstanceState.Suspending) : Reason.NOT_SUSPENDED,
            suspended ? "suspended by the platform; data is kept" : "");
    if (Annotations.paused(instance)) {
      conditions.set(ConditionTypes.PAUSED, true, Reason.PAUSED, "reconciliation paused by annotation");
    }
    if (Annotations.deletionPrevented(instance)) {
      conditions.set(
          ConditionTypes.DELETION_PROTECTED, true, Reason.DELETION_PREVENTED, "deletion blocked by annotation");
    }
    status.getConditions().stream()
        .map(c -> c.getType())
        .filter(StatusComposer::ownedByOthers)
        .forEach(conditions::keep);
    status.setConditions(conditions.build());
    status.setState(state);
    status.setMessage(message);
    status.setObservedGeneration(generation);
  }

  /** Conditions another part of the operator (metering) owns: kept as they are. */
  private static boolean ownedByOthers(String type) {
    return !type.equals(ConditionTypes.READY)
        && !type.equals(ConditionTypes.RECONCILING)
        && !type.equals(ConditionTypes.STALLED)
        && !type.equals(ConditionTypes.SUSPENDED)
        && !type.equals(ConditionTypes.PAUSED)
        && !type.equals(ConditionTypes.DELETION_PROTECTED);
  }
}
