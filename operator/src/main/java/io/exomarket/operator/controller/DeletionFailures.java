package io.exomarket.operator.controller;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.lifecycle.StopGate;
import io.exomarket.operator.metrics.OperatorMetrics;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deletion pass threw. java-operator-sdk would retry a cleanup 6 times in all (about 18 s) and
 * then wait for the maximal reconciliation interval (the resync, an hour by default), while the
 * platform's deprovision waits for the instance to go: so a deletion is never given up. It is
 * looked at again after a delay that grows with the deletion's age (a quarter of it, from 2 s to a
 * minute; no state to keep), recorded as Reconciling with the error, counted as a failed
 * reconciliation, and each failure is a Warning event.
 */
public final class DeletionFailures {
  private static final Logger LOG = LoggerFactory.getLogger(DeletionFailures.class);
  private static final Duration MIN = Duration.ofSeconds(2);
  private static final Duration MAX = Duration.ofMinutes(1);

  private final EventRecorder events;
  private final StopGate gate;
  private final OperatorMetrics metrics;

  public DeletionFailures(EventRecorder events, StopGate gate, OperatorMetrics metrics) {
    this.events = events;
    this.gate = gate;
    this.metrics = metrics;
  }

  DeleteControl record(StatusRecorder recorder, RuntimeException e) {
    if (e instanceof StopGate.Stopping || gate.isStopping()) {
      return DeleteControl.noFinalizerRemoval(); // the next operator process goes on
    }
    if (ErrorStatusHandler.isConflict(e)) {
      // Someone wrote the instance since we read it: the next pass starts from the new version.
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ZERO);
    }
    metrics.deletionFailed();
    ManagedServiceInstance instance = recorder.current();
    InstanceStatusAggregator status = recorder.aggregate();
    Duration again = recheckAfter(instance, status.now());
    String message =
        "deletion step failed, retrying in "
            + again.toSeconds()
            + " s: "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    LOG.warn(
        "instance {}/{}: {}",
        instance.getMetadata().getNamespace(),
        instance.getMetadata().getName(),
        message,
        e);
    try {
      recorder.record(status.retrying(message));
    } catch (RuntimeException recordFailure) {
      LOG.warn("could not record error status: {}", recordFailure.getMessage());
    }
    events.warning(instance, Reason.RECONCILE_ERROR, message);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(again);
  }

  static Duration recheckAfter(ManagedServiceInstance instance, Instant now) {
    String since = instance.getMetadata().getDeletionTimestamp();
    Duration age = since == null ? Duration.ZERO : Duration.between(Instant.parse(since), now);
    Duration quarter = age.dividedBy(4); // negative when our clock is behind the API server's
    if (quarter.compareTo(MIN) < 0) {
      return MIN;
    }
    return quarter.compareTo(MAX) > 0 ? MAX : quarter;
  }
}
