package io.exomarket.operator.steps;

import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;

/**
 * Work a reconcile does after the workload is applied and observed (usage reporting, the delivery
 * note). A step that is off is simply not registered. Each step is idempotent and writes its intent
 * through the recorder before any call outside the cluster.
 */
public interface ReconcileStep {

  /** Adds what this step derives from the observation to the status the observer writes. */
  default void observed(InstanceStatusAggregator status, Observation observation) {}

  /** The step's own work; when to come back without an event. */
  Requeue run(StatusRecorder recorder, ResolvedPlan plan);
}
