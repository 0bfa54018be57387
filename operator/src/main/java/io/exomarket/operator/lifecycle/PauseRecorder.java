package io.exomarket.operator.lifecycle;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Reason;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.status.StatusRecorder;

/**
 * The paused escape hatch: nothing is touched, the Paused condition says so, once with an event.
 */
public final class PauseRecorder {
  private final EventRecorder events;

  public PauseRecorder(EventRecorder events) {
    this.events = events;
  }

  public void record(StatusRecorder recorder) {
    boolean wasPaused =
        recorder.current().getStatus() != null
            && recorder.current().getStatus().isConditionTrue(ConditionType.PAUSED);
    recorder.record(recorder.aggregate());
    if (!wasPaused) {
      events.normal(
          recorder.current(),
          Reason.PAUSED,
          "reconciliation paused; the workload is left as it is");
    }
  }
}
