package io.exomarket.operator.controller;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.lifecycle.StopGate;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconcile threw: Reconciling with the error while retries remain, Failed (Stalled) after the
 * last one. A deletion pass that threw is retried without end (see {@link #deletionFailed}). It
 * builds on the status the failed reconcile last wrote (its recorder), so a ledger or delivery note
 * moved before the failure is never rolled back.
 */
public final class ErrorStatusHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorStatusHandler.class);
  private static final long DELETION_RECHECK_MIN_SECONDS = 2;
  private static final Duration DELETION_RECHECK_MIN =
      Duration.ofSeconds(DELETION_RECHECK_MIN_SECONDS);
  private static final Duration DELETION_RECHECK_MAX = Duration.ofMinutes(1);

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
      // withNoRetry: java-operator-sdk honours the reschedule only then; otherwise the conflict
      // would count as a failed attempt (and wait out the retry's 2 s).
      return ErrorStatusUpdateControl.<ManagedServiceInstance>noStatusUpdate()
          .withNoRetry()
          .rescheduleAfter(Duration.ZERO);
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

  /**
   * A deletion pass threw. java-operator-sdk retries a cleanup 5 times (about 18 s) and then waits
   * for its maximal reconciliation interval (10 h), while the platform's deprovision waits for the
   * instance to go: so a deletion never gives up. It looks again after a delay that grows with the
   * deletion's age (from {@value #DELETION_RECHECK_MIN_SECONDS} s to a minute), recorded as
   * Reconciling with the error, and each failure is a Warning event.
   */
  public DeleteControl deletionFailed(StatusRecorder recorder, RuntimeException e) {
    ManagedServiceInstance instance = recorder.current();
    if (e instanceof StopGate.Stopping || gate.isStopping()) {
      return DeleteControl.noFinalizerRemoval(); // the next operator process goes on
    }
    if (isConflict(e)) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ZERO);
    }
    InstanceStatusAggregator status = recorder.aggregate();
    Duration again = deletionRecheck(instance, status.now());
    String message =
        "deletion step failed, retrying in " + again.toSeconds() + " s: " + e.getMessage();
    LOG.warn(
        "instance {}/{}: {}",
        instance.getMetadata().getNamespace(),
        instance.getMetadata().getName(),
        message);
    try {
      recorder.record(status.retrying(message));
    } catch (RuntimeException recordFailure) {
      LOG.warn("could not record error status: {}", recordFailure.getMessage());
    }
    events.warning(instance, Reason.RECONCILE_ERROR, message);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(again);
  }

  /** A quarter of the deletion's age, between the minimum and a minute: no state to keep. */
  static Duration deletionRecheck(ManagedServiceInstance instance, Instant now) {
    String since = instance.getMetadata().getDeletionTimestamp();
    Duration age = since == null ? Duration.ZERO : Duration.between(Instant.parse(since), now);
    Duration quarter = age.dividedBy(4); // negative when our clock is behind the API server's
    if (quarter.compareTo(DELETION_RECHECK_MIN) < 0) {
      return DELETION_RECHECK_MIN;
    }
    return quarter.compareTo(DELETION_RECHECK_MAX) > 0 ? DELETION_RECHECK_MAX : quarter;
  }

  private static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == 409) {
        return true;
      }
    }
    return false;
  }
}
