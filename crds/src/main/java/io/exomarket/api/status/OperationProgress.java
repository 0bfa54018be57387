package io.exomarket.api.status;

import io.exomarket.api.v1alpha1.BindingState;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceBindingStatus;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;

/**
 * Where an OSB operation stands, read from what the operator wrote: the one mapping from status to
 * OSB's {@code in progress | succeeded | failed}. A change of generation G is done when {@code
 * status.observedGeneration >= G} and the state is Ready (Suspended when suspended); it failed when
 * the state is Failed or Stalled=True. A terminal {@code status.lastOperation} for G itself wins
 * (an update can fail while the instance stays Ready).
 */
public record OperationProgress(OperationState state, String description) {

  public boolean inProgress() {
    return state == OperationState.IN_PROGRESS;
  }

  public boolean failed() {
    return state == OperationState.FAILED;
  }

  public boolean succeeded() {
    return state == OperationState.SUCCEEDED;
  }

  /** The state of the change that produced generation {@code generation}. */
  public static OperationProgress ofGeneration(ManagedServiceInstance msi, long generation) {
    ManagedServiceInstanceStatus status = msi.getStatus();
    if (msi.getMetadata().getDeletionTimestamp() != null) {
      return new OperationProgress(OperationState.FAILED, "the instance is being deleted");
    }
    if (status == null
        || status.getObservedGeneration() == null
        || status.getObservedGeneration() < generation) {
      return new OperationProgress(OperationState.IN_PROGRESS, "waiting for the operator");
    }
    LastOperation last = status.getLastOperation();
    if (last != null
        && last.getGeneration() != null
        && last.getGeneration() == generation
        && last.getState() != null
        && last.getState() != OperationState.IN_PROGRESS) {
      return new OperationProgress(last.getState(), describe(status, last.getState()));
    }
    if (status.getState() == InstanceState.Failed
        || status.isConditionTrue(ConditionType.STALLED)) {
      return new OperationProgress(OperationState.FAILED, describe(status, OperationState.FAILED));
    }
    InstanceState expected =
        msi.getSpec().isSuspended() ? InstanceState.Suspended : InstanceState.Ready;
    if (status.getState() == expected) {
      return new OperationProgress(
          OperationState.SUCCEEDED, describe(status, OperationState.SUCCEEDED));
    }
    return new OperationProgress(
        OperationState.IN_PROGRESS, describe(status, OperationState.IN_PROGRESS));
  }

  /**
   * The state of a deletion; {@code msi} null means gone, which is success. Only a failure the
   * operator reports for the deprovision itself counts: an instance that had failed to provision
   * (Stalled) must still be deletable.
   */
  public static OperationProgress ofDeletion(ManagedServiceInstance msi) {
    if (msi == null) {
      return new OperationProgress(OperationState.SUCCEEDED, "the instance is gone");
    }
    // Not yet marked: a cache that lags behind our own DELETE.
    if (msi.getMetadata().getDeletionTimestamp() == null) {
      return new OperationProgress(OperationState.IN_PROGRESS, "deletion requested");
    }
    ManagedServiceInstanceStatus status = msi.getStatus();
    LastOperation last = status == null ? null : status.getLastOperation();
    if (last != null
        && last.getType() == OperationType.DEPROVISION
        && last.getState() == OperationState.FAILED) {
      return new OperationProgress(OperationState.FAILED, describe(status, OperationState.FAILED));
    }
    return new OperationProgress(OperationState.IN_PROGRESS, "deleting");
  }

  /**
   * The state of a binding's bind: succeeded once the operator observed its generation, its state
   * is Ready with the Secret named, Ready=True and the last operation a succeeded bind; failed when
   * its state is Failed or Stalled=True. A binding being deleted is no longer being bound.
   */
  public static OperationProgress ofBinding(ManagedServiceBinding binding) {
    ManagedServiceBindingStatus status = binding.getStatus();
    if (binding.getMetadata().getDeletionTimestamp() != null) {
      return new OperationProgress(OperationState.FAILED, "the binding is being deleted");
    }
    long generation =
        binding.getMetadata().getGeneration() == null ? 1L : binding.getMetadata().getGeneration();
    if (status == null
        || status.getObservedGeneration() == null
        || status.getObservedGeneration() < generation) {
      return new OperationProgress(OperationState.IN_PROGRESS, "waiting for the operator");
    }
    String message = status.getMessage() == null ? "" : status.getMessage();
    if (status.getState() == BindingState.Failed || status.isConditionTrue(ConditionType.STALLED)) {
      return new OperationProgress(OperationState.FAILED, message);
    }
    LastOperation last = status.getLastOperation();
    boolean bound =
        status.getState() == BindingState.Ready
            && status.getSecretName() != null
            && status.isConditionTrue(ConditionType.READY)
            && last != null
            && last.getType() == OperationType.BIND
            && last.getState() == OperationState.SUCCEEDED;
    return bound
        ? new OperationProgress(OperationState.SUCCEEDED, message)
        : new OperationProgress(OperationState.IN_PROGRESS, message);
  }

  /** The state of an unbind; {@code binding} null means gone, which is success. */
  public static OperationProgress ofUnbinding(ManagedServiceBinding binding) {
    if (binding == null) {
      return new OperationProgress(OperationState.SUCCEEDED, "the binding is gone");
    }
    ManagedServiceBindingStatus status = binding.getStatus();
    LastOperation last = status == null ? null : status.getLastOperation();
    if (binding.getMetadata().getDeletionTimestamp() != null
        && last != null
        && last.getType() == OperationType.UNBIND
        && last.getState() == OperationState.FAILED) {
      return new OperationProgress(OperationState.FAILED, last.getDescription());
    }
    return new OperationProgress(OperationState.IN_PROGRESS, "unbinding");
  }

  private static String describe(ManagedServiceInstanceStatus status, OperationState state) {
    LastOperation last = status.getLastOperation();
    if (last != null && last.getDescription() != null && !last.getDescription().isBlank()) {
      return last.getDescription();
    }
    if (status.getMessage() != null && !status.getMessage().isBlank()) {
      return status.getMessage();
    }
    return status.getState() == null ? state.value() : status.getState().name();
  }
}
