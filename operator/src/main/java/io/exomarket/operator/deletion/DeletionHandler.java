package io.exomarket.operator.deletion;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.EscapeHatches;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.lifecycle.OperationTracker;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.Requeue;
import io.exomarket.operator.workload.WorkloadCleanup;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deprovisioning as a resumable, finalizer-guarded procedure: record the deprovision operation,
 * honour the escape hatches (prevent-deletion blocks, deletion-policy orphan leaves the workload),
 * delete the workload explicitly, run the hooks (the final usage report), and let the finalizer go
 * only once nothing of the workload is left.
 */
public final class DeletionHandler {
  private static final Duration CLEANUP_RECHECK = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(DeletionHandler.class);

  private final WorkloadCleanup cleanup;
  private final List<DeletionHook> hooks;
  private final EventRecorder events;

  public DeletionHandler(WorkloadCleanup cleanup, List<DeletionHook> hooks, EventRecorder events) {
    this.cleanup = cleanup;
    this.hooks = List.copyOf(hooks);
    this.events = events;
  }

  public DeleteControl cleanup(StatusRecorder recorder) {
    ManagedServiceInstance instance = recorder.current();
    boolean prevented = EscapeHatches.deletionPrevented(instance);
    boolean orphan = EscapeHatches.orphanOnDeletion(instance);
    String message =
        prevented
            ? "deletion blocked: remove annotation "
                + ApiGroup.PREVENT_DELETION_ANNOTATION
                + " to proceed"
            : orphan
                ? "orphaning the workload ("
                    + ApiGroup.DELETION_POLICY_ANNOTATION
                    + ": orphan): it is left in place"
                : "deleting the workload";
    InstanceState previous = instance.getStatus() == null ? null : instance.getStatus().getState();
    InstanceStatusAggregator status = recorder.aggregate();
    LastOperation operation = status.view().getLastOperation();
    if (operation == null || operation.getType() != OperationType.DEPROVISION) {
      status.operation(
          new LastOperation(
              OperationType.DEPROVISION,
              OperationState.IN_PROGRESS,
              OperationTracker.describe(OperationType.DEPROVISION, OperationState.IN_PROGRESS),
              status.now().toString(),
              instance.getMetadata().getGeneration()));
    }
    recorder.record(status.lifecycle(InstanceState.Deleting, message));
    if (previous != InstanceState.Deleting) {
      events.normal(instance, Reason.DELETING, message);
    }
    if (prevented) {
      return DeleteControl.noFinalizerRemoval();
    }
    // On the pass that finds nothing left to delete, that listing is the check that all is gone.
    boolean nothingLeft = false;
    if (orphan) {
      cleanup.orphanAll(instance);
    } else {
      WorkloadCleanup.Outcome deleted = cleanup.deleteAll(instance);
      nothingLeft = deleted.nothingLeft();
      if (deleted.retained()) {
        events.normal(
            instance,
            Reason.RETAINED,
            "data volumes retained (label "
                + ApiGroup.RETAINED_INSTANCE_ID_LABEL
                + "="
                + instance.getSpec().getInstanceId()
                + ") until their "
                + ApiGroup.PURGE_AFTER_ANNOTATION
                + " time");
      }
    }
    for (DeletionHook hook : hooks) {
      Requeue again = hook.beforeFinalizerRemoval(recorder);
      if (again.after().isPresent()) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(again.after().get());
      }
    }
    // The framework removes the finalizer with a patch based on the version it handed us; after a
    // status write that version is stale, so the removal waits for the next (immediate) pass.
    if (recorder.wrote(instance)) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ZERO);
    }
    if (orphan) {
      events.normal(
          instance,
          Reason.ORPHANED,
          "workload left in place without owner references to the instance; releasing the instance");
      LOG.info("instance {} deprovisioned, workload orphaned", key(instance));
      return DeleteControl.defaultDelete();
    }
    if (!nothingLeft && !cleanup.allGone(instance)) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RECHECK);
    }
    events.normal(instance, Reason.DELETED, "workload deleted; releasing the instance");
    LOG.info("instance {} deprovisioned", key(instance));
    return DeleteControl.defaultDelete();
  }

  private static String key(ManagedServiceInstance instance) {
    return instance.getMetadata().getNamespace() + "/" + instance.getMetadata().getName();
  }
}
