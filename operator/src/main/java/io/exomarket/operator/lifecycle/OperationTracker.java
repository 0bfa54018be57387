package io.exomarket.operator.lifecycle;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import java.util.Objects;

/**
 * The operation state machine: a spec generation not seen before starts a new operation, classified
 * against what was applied, and is written (the intent) before anything changes in the cluster; a
 * failed operation of the same generation is retried once its cause has gone; an instance that
 * cannot run fails its operation and stalls.
 */
public final class OperationTracker {
  private final EventRecorder events;

  public OperationTracker(EventRecorder events) {
    this.events = events;
  }

  /** Records the operation the current generation asks for, if it is not recorded yet. */
  public void begin(StatusRecorder recorder, boolean resolvable) {
    ManagedServiceInstance instance = recorder.current();
    InstanceStatusAggregator status = recorder.aggregate();
    LastOperation operation = operationFor(instance, status.view(), resolvable, status);
    status.operation(operation);
    if (operation.getState() == OperationState.IN_PROGRESS && status.view().getState() == null) {
      status.lifecycle(
          InstanceState.Provisioning, describe(operation.getType(), OperationState.IN_PROGRESS));
    }
    recorder.record(status);
  }

  /** The instance cannot run (no offering, no plan, invalid parameters): Stalled until fixed. */
  public void fail(StatusRecorder recorder, Reason reason, String message) {
    String previousMessage =
        recorder.current().getStatus() == null ? null : recorder.current().getStatus().getMessage();
    InstanceStatusAggregator status = recorder.aggregate();
    LastOperation operation = status.view().getLastOperation();
    if (operation != null && operation.getState() == OperationState.IN_PROGRESS) {
      operation.setState(OperationState.FAILED);
      operation.setDescription(message);
      operation.setEndTime(status.now().toString());
    }
    status.failed(reason, message);
    recorder.record(status);
    if (!Objects.equals(previousMessage, message)) {
      events.warning(recorder.current(), reason, message);
    }
  }

  /** Marks the operation in progress as succeeded once the state is where the spec wants it. */
  static void completeIfSettled(LastOperation operation, InstanceState state, String now) {
    if (InstanceStateDeriver.isSettled(state)
        && operation.getState() == OperationState.IN_PROGRESS) {
      operation.setState(OperationState.SUCCEEDED);
      operation.setDescription(describe(operation.getType(), OperationState.SUCCEEDED));
      operation.setEndTime(now);
    }
  }

  private static LastOperation operationFor(
      ManagedServiceInstance instance,
      ManagedServiceInstanceStatus status,
      boolean resolvable,
      InstanceStatusAggregator aggregator) {
    long generation = instance.getMetadata().getGeneration();
    LastOperation last = status.getLastOperation();
    if (last != null && last.getGeneration() != null && last.getGeneration() >= generation) {
      if (last.getState() == OperationState.FAILED && resolvable) {
        last.setState(OperationState.IN_PROGRESS);
        last.setDescription(describe(last.getType(), OperationState.IN_PROGRESS));
        last.setEndTime(null);
      }
      return last;
    }
    OperationType type =
        OperationClassifier.classify(
            status.getAppliedSpec(), instance.getSpec().isSuspended(), last);
    return new LastOperation(
        type,
        OperationState.IN_PROGRESS,
        describe(type, OperationState.IN_PROGRESS),
        aggregator.now().toString(),
        generation);
  }

  public static String describe(OperationType type, OperationState state) {
    return type.value() + " " + state.value();
  }
}
