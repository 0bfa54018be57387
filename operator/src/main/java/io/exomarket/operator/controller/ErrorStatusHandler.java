package io.exomarket.operator.controller;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.lifecycle.StopGate;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconcile threw: Reconciling with the error while retries remain, Failed (Stalled) after the
 * last one (a deletion pass is never given up: {@link DeletionFailures}). It builds on the status
 * the failed reconcile last wrote (its recorder), so a ledger or delivery note moved before the
 * failure is never rolled back.
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
    if (isConflict(e)) {
      // Someone wrote the instance since we read it (the adapter's spec change, say): nothing is
      // wrong, the next reconcile starts from the new version. No event, no status.
      LOG.debug(
          "instance {}: conflict, reconciling the new version", instance.getMetadata().getName());
      return ErrorStatusUpdateControl.<ManagedServiceInstance>noStatusUpdate()
          .rescheduleAfter(java.time.Duration.ZERO);
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

  static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == 409) {
        return true;
      }
    }
    return false;
  }
}
