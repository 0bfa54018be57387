package io.exomarket.operator.lifecycle;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.AppliedSpec;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.graph.GraphStatus;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.metrics.InstanceMetrics;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.Observation;
import io.exomarket.operator.steps.ReconcileStep;
import io.exomarket.operator.workload.AppliedWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads what applying the workload graph found, derives the one-word state, and records it with
 * everything that follows from it: the applied spec, when the instance became billable, the end of
 * the operation in progress, the graph's outputs (dashboard URL, endpoint), what the steps derive
 * (the usage timeline), and an event when the state changes.
 */
public final class WorkloadObserver {
  private final EventRecorder events;
  private final InstanceMetrics metrics;
  private final List<ReconcileStep> steps;
  private final StopGate gate;

  public WorkloadObserver(
      EventRecorder events, InstanceMetrics metrics, List<ReconcileStep> steps, StopGate gate) {
    this.events = events;
    this.metrics = metrics;
    this.steps = List.copyOf(steps);
    this.gate = gate;
  }

  public void observe(StatusRecorder recorder, ResolvedPlan plan, AppliedWorkload workload) {
    // What a stopping operator sees (caches closing) is not an observation of the workload.
    gate.checkObservable();
    ManagedServiceInstance instance = recorder.current();
    InstanceState previous = instance.getStatus() == null ? null : instance.getStatus().getState();
    GraphStatus graph = workload.status();
    InstanceStatusAggregator status = recorder.aggregate();
    Instant now = status.now();
    LastOperation operation = status.view().getLastOperation();
    InstanceState state =
        InstanceStateDeriver.derive(
            instance.getSpec().isSuspended(),
            WorkloadObservation.of(graph, instance.getSpec().isSuspended()),
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
    String message = message(state, graph);
    status.outputs(workload.outputs().values()).lifecycle(state, message);
    Observation observation = new Observation(state, plan.plan(), now);
    steps.forEach(step -> step.observed(status, observation));
    gate.checkObservable();
    recorder.record(status);
    if (state != previous) {
      events.normal(recorder.current(), Reason.of(state), message);
    }
  }

  private static String message(InstanceState state, GraphStatus graph) {
    String holding =
        state == InstanceState.Suspending ? first(graph.notSuspended()) : first(graph.notReady());
    return switch (state) {
      case Ready -> "all resources ready";
      case Suspended -> "suspended: every resource in its suspended form, data kept";
      case Suspending -> "suspending: " + holding;
      case Provisioning, Updating, Resuming -> state.name().toLowerCase() + ": " + holding;
      case Deleting -> "deleting the workload";
      case Failed -> "failed";
    };
  }

  private static String first(List<String> reasons) {
    return reasons.isEmpty() ? "waiting for the workload" : reasons.get(0);
  }
}
