package io.exomarket.operator.controller;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.EscapeHatches;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.catalog.PlanResolution;
import io.exomarket.operator.deletion.DeletionHandler;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.lifecycle.OperationTracker;
import io.exomarket.operator.lifecycle.PauseRecorder;
import io.exomarket.operator.lifecycle.StopGate;
import io.exomarket.operator.lifecycle.WorkloadObserver;
import io.exomarket.operator.retention.RestoreClaims;
import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.ReconcileStep;
import io.exomarket.operator.steps.Requeue;
import io.exomarket.operator.workload.AppliedWorkload;
import io.exomarket.operator.workload.GraphApplier;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The java-operator-sdk entry point for ManagedServiceInstances. It only orchestrates: resolve the
 * plan and workload graph, record the operation (the intent) before any side effect, apply the
 * graph, observe it, run the steps (delivery note, usage reporting); deletion and errors have their
 * own handlers. Every part writes through one {@link StatusRecorder} per reconcile and is
 * idempotent, so a crash at any line is repaired by the next reconcile.
 */
@ControllerConfiguration(
    name = InstanceReconciler.NAME,
    finalizerName = InstanceReconciler.FINALIZER,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SignificantChangeFilter.class))
public class InstanceReconciler
    implements Reconciler<ManagedServiceInstance>, Cleaner<ManagedServiceInstance> {
  public static final String NAME = "managedserviceinstance";
  public static final String FINALIZER = ApiGroup.NAME + "/finalizer";

  private final Clock clock;
  private final InstanceEventSources eventSources;
  private final PlanResolution resolution;
  private final PauseRecorder pause;
  private final OperationTracker operations;

  /** A blocked instance (a failing expression, a refused object) is looked at again this often. */
  static final Duration BLOCKED_RECHECK = Duration.ofMinutes(2);

  private final GraphApplier workload;
  private final EventRecorder events;
  private final WorkloadObserver observer;
  private final List<ReconcileStep> steps;
  private final DeletionHandler deletion;
  private final ErrorStatusHandler errors;
  private final DeletionFailures deletionFailures;
  private final StopGate gate;
  private final RestoreClaims restore;

  public InstanceReconciler(
      Clock clock,
      InstanceEventSources eventSources,
      PlanResolution resolution,
      PauseRecorder pause,
      OperationTracker operations,
      GraphApplier workload,
      EventRecorder events,
      WorkloadObserver observer,
      List<ReconcileStep> steps,
      DeletionHandler deletion,
      ErrorStatusHandler errors,
      DeletionFailures deletionFailures,
      StopGate gate,
      RestoreClaims restore) {
    this.restore = restore;
    this.clock = clock;
    this.eventSources = eventSources;
    this.resolution = resolution;
    this.pause = pause;
    this.operations = operations;
    this.workload = workload;
    this.events = events;
    this.observer = observer;
    this.steps = List.copyOf(steps);
    this.deletion = deletion;
    this.errors = errors;
    this.deletionFailures = deletionFailures;
    this.gate = gate;
  }

  @Override
  public List<EventSource<?, ManagedServiceInstance>> prepareEventSources(
      EventSourceContext<ManagedServiceInstance> context) {
    return eventSources.prepare(context);
  }

  @Override
  public UpdateControl<ManagedServiceInstance> reconcile(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    if (!gate.enter()) {
      return UpdateControl.noUpdate(); // stopping: the next operator process reconciles it
    }
    try {
      return reconcileOpen(instance, context);
    } finally {
      gate.exit();
    }
  }

  private UpdateControl<ManagedServiceInstance> reconcileOpen(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    StatusRecorder recorder = StatusRecorder.of(instance, context, clock);
    if (EscapeHatches.paused(instance)) {
      pause.record(recorder);
      return UpdateControl.noUpdate();
    }
    PlanResolution.Outcome plan = resolution.resolve(instance);
    operations.begin(recorder, plan.isOk());
    if (!plan.isOk()) {
      operations.fail(recorder, plan.problem(), plan.message());
      return UpdateControl.noUpdate();
    }
    if (plan.plan().staleGraph()) {
      events.warning(
          instance,
          Reason.INVALID_TEMPLATE,
          "the offering's latest edit does not compile (see its status); running the last valid"
              + " workload graph");
    }
    Optional<String> refused = restore.prepare(instance);
    if (refused.isPresent()) {
      operations.fail(recorder, Reason.RESTORE_REFUSED, refused.get());
      return UpdateControl.<ManagedServiceInstance>noUpdate().rescheduleAfter(BLOCKED_RECHECK);
    }
    AppliedWorkload applied = workload.apply(recorder, plan.plan(), plan.plan().graph());
    if (applied.blocker().isPresent()) {
      operations.fail(recorder, applied.blockedBy(), applied.blockMessage());
      return UpdateControl.<ManagedServiceInstance>noUpdate().rescheduleAfter(BLOCKED_RECHECK);
    }
    observer.observe(recorder, plan.plan(), applied);
    Requeue again = Requeue.NEVER;
    for (ReconcileStep step : steps) {
      again = again.and(step.run(recorder, plan.plan()));
    }
    return again
        .after()
        .map(d -> UpdateControl.<ManagedServiceInstance>noUpdate().rescheduleAfter(d))
        .orElseGet(UpdateControl::noUpdate);
  }

  @Override
  public DeleteControl cleanup(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    if (!gate.enter()) {
      return DeleteControl.noFinalizerRemoval();
    }
    try {
      StatusRecorder recorder = StatusRecorder.of(instance, context, clock);
      if (EscapeHatches.paused(instance)) {
        pause.record(recorder);
        return DeleteControl.noFinalizerRemoval();
      }
      return deletion.cleanup(recorder);
    } catch (RuntimeException e) {
      return deletionFailures.record(StatusRecorder.of(instance, context, clock), e);
    } finally {
      gate.exit();
    }
  }

  @Override
  public ErrorStatusUpdateControl<ManagedServiceInstance> updateErrorStatus(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context, Exception e) {
    return errors.record(StatusRecorder.of(instance, context, clock), e);
  }
}
