package io.exomarket.operator.binding;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Conditions;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.BindingState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceBindingStatus;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The one status writer of a binding reconcile, with the project's write strategy: the status
 * subresource replaced under the resourceVersion (409 on a concurrent change), the result put in
 * the informer cache, an unchanged status not written. Each method states one situation in the
 * shared vocabulary (conditions Ready, Reconciling, Stalled; the closed set of reasons); none ever
 * carries a credential.
 */
final class BindingStatusWriter {
  private final Context<ManagedServiceBinding> context;
  private final Clock clock;
  private ManagedServiceBinding current;

  BindingStatusWriter(
      ManagedServiceBinding binding, Context<ManagedServiceBinding> context, Clock clock) {
    this.current = binding;
    this.context = context;
    this.clock = clock;
  }

  ManagedServiceBinding current() {
    return current;
  }

  /** The intent, written before any side effect: the bind of this generation is in progress. */
  void binding(Reason reason, String message) {
    write(
        BindingState.Binding,
        OperationType.BIND,
        OperationState.IN_PROGRESS,
        message,
        null,
        c ->
            c.set(ConditionType.READY, false, reason, message)
                .set(ConditionType.RECONCILING, true, reason, message)
                .set(ConditionType.STALLED, false, reason, message));
  }

  /** It will not progress by itself (no instance, not bindable, broken credentials template). */
  void stalled(Reason reason, String message) {
    write(
        BindingState.Failed,
        OperationType.BIND,
        OperationState.FAILED,
        message,
        null,
        c ->
            c.set(ConditionType.READY, false, reason, message)
                .set(ConditionType.RECONCILING, false, reason, message)
                .set(ConditionType.STALLED, true, reason, message));
  }

  void ready(String secretName) {
    String message = "credentials in Secret " + secretName;
    write(
        BindingState.Ready,
        OperationType.BIND,
        OperationState.SUCCEEDED,
        message,
        secretName,
        c ->
            c.set(ConditionType.READY, true, Reason.READY, message)
                .set(ConditionType.RECONCILING, false, Reason.READY, message)
                .set(ConditionType.STALLED, false, Reason.READY, message));
  }

  /** The unbind is under way: its credential is being revoked. */
  void unbinding() {
    String message = "revoking the binding's credential";
    write(
        BindingState.Unbinding,
        OperationType.UNBIND,
        OperationState.IN_PROGRESS,
        message,
        null,
        c ->
            c.set(ConditionType.READY, false, Reason.UNBINDING, message)
                .set(ConditionType.RECONCILING, true, Reason.UNBINDING, message));
  }

  /**
   * One status: the last operation of this type and generation is kept (start time), its end time
   * set once it ends; {@code secretName} null keeps the one recorded.
   */
  private void write(
      BindingState state,
      OperationType type,
      OperationState opState,
      String message,
      String secretName,
      UnaryOperator<Conditions> conditions) {
    ManagedServiceBindingStatus previous =
        current.getStatus() == null ? new ManagedServiceBindingStatus() : current.getStatus();
    Long stored = current.getMetadata().getGeneration();
    long generation = stored == null ? 1L : stored;
    ManagedServiceBindingStatus next = Serialization.clone(previous);
    next.setObservedGeneration(generation);
    next.setState(state);
    next.setMessage(message);
    if (secretName != null) next.setSecretName(secretName);
    next.setConditions(
        conditions
            .apply(new Conditions(previous.getConditions(), generation, clock.instant()))
            .build());
    LastOperation last = previous.getLastOperation();
    boolean same =
        last != null && last.getType() == type && Objects.equals(last.getGeneration(), generation);
    LastOperation op =
        same
            ? Serialization.clone(last)
            : new LastOperation(type, opState, message, clock.instant().toString(), generation);
    if (op.getState() != opState) op.setEndTime(null);
    op.setState(opState);
    op.setDescription(message);
    if (opState != OperationState.IN_PROGRESS && op.getEndTime() == null) {
      op.setEndTime(clock.instant().toString());
    }
    next.setLastOperation(op);
    store(next);
  }

  private void store(ManagedServiceBindingStatus status) {
    if (Objects.equals(current.getStatus(), status)) return;
    ManagedServiceBindingStatus copy = Serialization.clone(status);
    current =
        PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
            Serialization.clone(current),
            context,
            fresh -> {
              fresh.setStatus(Serialization.clone(copy));
              return fresh;
            });
  }
}
