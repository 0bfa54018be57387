package io.exomarket.operator.lifecycle;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.AppliedSpec;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.metrics.InstanceMetrics;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.Observation;
import io.exomarket.operator.steps.ReconcileStep;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads the workload, derives the one-word state, and records it with everything that follows from
 * it: the applied spec, when the instance became billable, the end of the operation in progress,
 * the dashboard URL, what the steps derive (the usage timeline), and an event when the state
 * changes.
 */
public final class WorkloadObserver {
  private final EventRecorder events;
  private final InstanceMetrics metrics;
  private final List<ReconcileStep> steps;

  public WorkloadObserver(
      EventRecorder events, InstanceMetrics metrics, List<ReconcileStep> steps) {
    this.events = events;
    this.metrics = metrics;
    this.steps = List.copyOf(steps);
  }

  public void observe(StatusRecorder recorder, ResolvedPlan plan) {
    ManagedServiceInstance instance = recorder.current();
    InstanceState previous = instance.getStatus() == null ? null : instance.getStatus().getState();
    StatefulSet workload = recorder.context().getSecondaryResource(StatefulSet.class).orElse(null);
    InstanceStatusAggregator status = recorder.aggregate();
    Instant now = status.now();
    LastOperation operation = status.view().getLastOperation();
    InstanceState state =
        InstanceStateDeriver.derive(
            instance.getSpec().isSuspended(),
            WorkloadObservation.of(workload),
            status.view().getBillableSince() != null,
            operation.getType());
    status.appliedSpec(
        new AppliedSpec(
            instance.getMetadata().getGeneration(),
            instance.getSpec().getPlanId(),
            instance.getSpec().isSuspended(),
            SpecFingerprint.of(instance.getSpec())));
    if (state == InstanceState.Ready && status.view().getBillableSince() == null) {
      status.billableSince(now.toString());
      metrics.becameReady(
          Duration.between(Instant.parse(instance.getMetadata().getCreationTimestamp()), now));
    }
    OperationTracker.completeIfSettled(operation, state, now.toString());
    String message = message(state, workload);
    status.dashboardUrl(DashboardUrl.of(instance, plan.offering())).lifecycle(state, message);
    Observation observation = new Observation(state, plan.plan(), now);
    steps.forEach(step -> step.observed(status, observation));
    recorder.record(status);
    if (state != previous) {
      events.normal(recorder.current(), Reason.of(state), message);
    }
  }

  private static String message(InstanceState state, StatefulSet workload) {
    int ready =
        workload == null
                || workload.getStatus() == null
                || workload.getStatus().getReadyReplicas() == null
            ? 0
            : workload.getStatus().getReadyReplicas();
    int desired =
        workload == null || workload.getSpec().getReplicas() == null
            ? 0
            : workload.getSpec().getReplicas();
    return switch (state) {
      case Ready -> "all " + desired + " replicas ready";
      case Suspended -> "suspended: workload scaled to zero, data kept";
      case Suspending -> "suspending: scaling the workload to zero";
      case Provisioning, Updating, Resuming ->
          state.name().toLowerCase() + ": " + ready + "/" + desired + " replicas ready";
      case Deleting -> "deleting the workload";
      case Failed -> "failed";
    };
  }
}
