package io.exomarket.operator.controller;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.lifecycle.StopGate;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconcile threw: Reconciling with the error while retries remain, Failed (Stalled) after the
 * last one. It builds on the status the failed reconcile last wrote (its recorder), so a ledger or
 * delivery note moved before the failure is never rolled back.
 */
public final class ErrorStatusHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorStatusHandler.class);

  private final EventRecorder events;
  private final StopGate gate;

  public ErrorStatusHandler(EventRecorder events, StopGate gate) {
    this.events = events;
    this.gate = gate;
  }

  ErrorStatusUpdateControl<ManagedServiceInstance> record(StatusRecorder recorder, Exception e) {
    ManagedServiceInstance instance = recorder.current();
    if (e instanceof StopGate.Stopping || gate.isStopping()) {
      // A reconcile cut short by the stop: nothing it saw is recorded; the next process retries.
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    boolean lastAttempt =
        recorder.context().getRetryInfo().map(RetryInfo::isLastAttempt).orElse(true);
    String message = "reconcile failed" + (lastAttempt ? "" : ", retrying") + ": " + e.getMessage();
    LOG.warn(
        "instance {}/{}: {}",
        instance.getMetadata().getNamespace(),
        instance.getMetadata().getName(),
        message);
    if (instance.isMarkedForDeletion()) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    InstanceStatusAggregator status = recorder.aggregate();
    if (lastAttempt) {
      status.failed(Reason.RECONCILE_ERROR, message);
    } else {
      status.retrying(message);
    }
    try {
      recorder.record(status);
    } catch (RuntimeException recordFailure) {
      LOG.warn("could not record error status: {}", recordFailure.getMessage());
    }
    events.warning(instance, Reason.RECONCILE_ERROR, message);
    return ErrorStatusUpdateControl.<ManagedServiceInstance>noStatusUpdate();
  }
}
