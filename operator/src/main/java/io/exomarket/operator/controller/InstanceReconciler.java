package io.exomarket.operator.controller;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.EscapeHatches;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.catalog.PlanResolution;
import io.exomarket.operator.deletion.DeletionHandler;
import io.exomarket.operator.lifecycle.OperationTracker;
import io.exomarket.operator.lifecycle.PauseRecorder;
import io.exomarket.operator.lifecycle.WorkloadObserver;
import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.ReconcileStep;
import io.exomarket.operator.steps.Requeue;
import io.exomarket.operator.workload.CredentialsSecretDependent;
import io.exomarket.operator.workload.NetworkPolicyDependent;
import io.exomarket.operator.workload.ServiceDependent;
import io.exomarket.operator.workload.StatefulSetDependent;
import io.exomarket.operator.workload.UsersConfigMapDependent;
import io.exomarket.operator.workload.WorkloadApplier;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;

/**
 * The java-operator-sdk entry point for ManagedServiceInstances. It only orchestrates: resolve the
 * plan, record the operation (the intent) before any side effect, apply the workload, observe it,
 * run the steps (delivery note, usage reporting); deletion and errors have their own handlers.
 * Every part writes through one {@link StatusRecorder} per reconcile and is idempotent, so a crash
 * at any line is repaired by the next reconcile.
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "credentials", type = CredentialsSecretDependent.class),
      @Dependent(name = "users", type = UsersConfigMapDependent.class),
      @Dependent(name = "service", type = ServiceDependent.class),
      @Dependent(name = "network-policy", type = NetworkPolicyDependent.class),
      @Dependent(
          name = "workload",
          type = StatefulSetDependent.class,
          dependsOn = {"credentials", "users"})
    })
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
  private final WorkloadApplier workload;
  private final WorkloadObserver observer;
  private final List<ReconcileStep> steps;
  private final DeletionHandler deletion;
  private final ErrorStatusHandler errors;

  public InstanceReconciler(
      Clock clock,
      InstanceEventSources eventSources,
      PlanResolution resolution,
      PauseRecorder pause,
      OperationTracker operations,
      WorkloadApplier workload,
      WorkloadObserver observer,
      List<ReconcileStep> steps,
      DeletionHandler deletion,
      ErrorStatusHandler errors) {
    this.clock = clock;
    this.eventSources = eventSources;
    this.resolution = resolution;
    this.pause = pause;
    this.operations = operations;
    this.workload = workload;
    this.observer = observer;
    this.steps = List.copyOf(steps);
    this.deletion = deletion;
    this.errors = errors;
  }

  @Override
  public List<EventSource<?, ManagedServiceInstance>> prepareEventSources(
      EventSourceContext<ManagedServiceInstance> context) {
    return eventSources.prepare(context);
  }

  @Override
  public UpdateControl<ManagedServiceInstance> reconcile(
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
    workload.apply(recorder, plan.plan());
    observer.observe(recorder, plan.plan());
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
    StatusRecorder recorder = StatusRecorder.of(instance, context, clock);
    if (EscapeHatches.paused(instance)) {
      pause.record(recorder);
      return DeleteControl.noFinalizerRemoval();
    }
    return deletion.cleanup(recorder);
  }

  @Override
  public ErrorStatusUpdateControl<ManagedServiceInstance> updateErrorStatus(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context, Exception e) {
    return errors.record(StatusRecorder.of(instance, context, clock), e);
  }
}
