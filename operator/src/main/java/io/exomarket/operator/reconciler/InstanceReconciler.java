package io.exomarket.operator.reconciler;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.AppliedSpec;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.validation.ParameterValidator;
import io.exomarket.operator.catalog.OfferingCatalog;
import io.exomarket.operator.catalog.PlanResolution;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.dependent.CredentialsSecretDependent;
import io.exomarket.operator.dependent.NetworkPolicyDependent;
import io.exomarket.operator.dependent.PvcResizer;
import io.exomarket.operator.dependent.ServiceDependent;
import io.exomarket.operator.dependent.StatefulSetDependent;
import io.exomarket.operator.dependent.TenantQuota;
import io.exomarket.operator.dependent.UsersConfigMapDependent;
import io.exomarket.operator.dependent.WorkloadCleanup;
import io.exomarket.operator.delivery.DeliveryNotifier;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.metering.Metering;
import io.exomarket.operator.metrics.InstanceMetrics;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a ManagedServiceInstance to Ready, Suspended or gone. Each reconcile: resolve the plan,
 * write the intent (the operation in progress) before any side effect, apply the workload through
 * the dependent-resource workflow, observe the StatefulSet, record the outcome. Every step is
 * idempotent, so a crash at any line is repaired by the next reconcile.
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
public class InstanceReconciler implements Reconciler<ManagedServiceInstance>, Cleaner<ManagedServiceInstance> {
  public static final String NAME = "managedserviceinstance";
  public static final String FINALIZER = ApiGroup.NAME + "/finalizer";
  private static final String BY_SERVICE_ID = "byServiceId";
  private static final Duration CLEANUP_RECHECK = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(InstanceReconciler.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final EventRecorder events;
  private final InstanceMetrics metrics;
  private final List<DeletionHook> deletionHooks;
  private final WorkloadCleanup cleanup;
  private final PvcResizer pvcResizer;
  private final Metering metering;
  private final DeliveryNotifier delivery;
  private volatile PlanResolution resolution;
  private volatile TenantQuota quota;

  public InstanceReconciler(
      KubernetesClient client, Clock clock, InstanceMetrics metrics, List<DeletionHook> deletionHooks) {
    this(client, clock, metrics, deletionHooks, null, null);
  }

  /**
   * @param metering usage reporting, or null when disabled
   * @param delivery delivery notes to the vendor's webhook, or null when disabled
   */
  public InstanceReconciler(
      KubernetesClient client, Clock clock, InstanceMetrics metrics, List<DeletionHook> deletionHooks, Metering metering,
      DeliveryNotifier delivery) {
    this.metering = metering;
    this.delivery = delivery;
    this.client = client;
    this.clock = clock;
    this.metrics = metrics;
    this.deletionHooks = List.copyOf(deletionHooks);
    this.events = new EventRecorder(client, clock);
    this.cleanup = new WorkloadCleanup(client);
    this.pvcResizer = new PvcResizer(client);
  }

  @Override
  public List<EventSource<?, ManagedServiceInstance>> prepareEventSources(
      EventSourceContext<ManagedServiceInstance> context) {
    context.getPrimaryCache().addIndexer(BY_SERVICE_ID, i -> List.of(i.getSpec().getServiceId()));
    metrics.countFrom(() -> context.getPrimaryCache().list());
    // An offering that appears or changes re-reconciles its instances: a Stalled instance
    // recovers by itself once its plan exists.
    var offerings =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ServiceOffering.class, ManagedServiceInstance.class)
                .withName("offerings")
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(
                    offering ->
                        context.getPrimaryCache().byIndex(BY_SERVICE_ID, offering.getSpec().getId()).stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    OfferingCatalog catalog = new OfferingCatalog(offerings);
    this.resolution = new PlanResolution(catalog, new ParameterValidator());
    this.quota = new TenantQuota(client, catalog);
    return List.of(offerings);
  }

  @Override
  public UpdateControl<ManagedServiceInstance> reconcile(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    Instant now = clock.instant();
    if (Annotations.paused(instance)) {
      recordPaused(instance, context, now);
      return UpdateControl.noUpdate();
    }
    long generation = instance.getMetadata().getGeneration();
    PlanResolution.Outcome outcome = resolution.resolve(instance);
    ManagedServiceInstanceStatus status = StatusRecorder.copy(instance.getStatus());
    LastOperation operation = beginOperationIfNew(instance, status, now, outcome.isOk());
    if (!outcome.isOk()) {
      fail(instance, context, status, operation, outcome.problem(), outcome.message(), now);
      return UpdateControl.noUpdate();
    }

    // Intent first: the operation is durable before anything changes in the cluster.
    if (!Objects.equals(status, instance.getStatus())) {
      if (operation.getState() == OperationState.IN_PROGRESS && status.getState() == null) {
        status.setState(InstanceState.Provisioning);
      }
      instance = StatusRecorder.record(instance, status, context);
      status = StatusRecorder.copy(instance.getStatus());
    }

    ResolvedPlan plan = outcome.plan();
    quota.reconcile(instance.getMetadata().getNamespace(), liveInstancesIn(instance, context));
    context.managedWorkflowAndDependentResourceContext().put(ResolvedPlan.CONTEXT_KEY, plan);
    context
        .managedWorkflowAndDependentResourceContext()
        .reconcileManagedWorkflow()
        .throwAggregateExceptionIfErrorsPresent();
    AppliedSpec applied = status.getAppliedSpec();
    if (applied != null && !Objects.equals(applied.getPlanId(), instance.getSpec().getPlanId())) {
      List<String> refused = pvcResizer.grow(instance, plan.plan().getResources().getStorage());
      if (!refused.isEmpty()) {
        events.warning(
            instance,
            Reason.VOLUME_EXPANSION_REFUSED,
            "volumes keep their size, the storage class refused to expand them: " + String.join("; ", refused));
      }
    }
    status.setAppliedSpec(
        new AppliedSpec(
            generation,
            instance.getSpec().getPlanId(),
            instance.getSpec().isSuspended(),
            SpecFingerprint.of(instance.getSpec())));

    instance = observe(instance, context, status, plan, now);
    Optional<Duration> again = Optional.empty();
    // Delivery first: a metering failure (e.g. its Secret missing) must not hold the note back.
    if (delivery != null) {
      var delivered = delivery.deliver(instance, context, plan.offering());
      instance = delivered.instance();
      again = delivered.again();
    }
    if (metering != null) {
      // Reporting is time-driven: come back when the next window is due, without any event.
      var reported = metering.report(instance, context, plan.offering());
      again = earliest(again, reported.again());
    }
    return again.map(d -> UpdateControl.<ManagedServiceInstance>noUpdate().rescheduleAfter(d))
        .orElseGet(UpdateControl::noUpdate);
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) <= 0 ? a : b;
  }

  /**
   * A spec generation not seen before starts a new operation, classified against what was
   * applied. A failed operation of the same generation is retried when the cause has gone.
   */
  private LastOperation beginOperationIfNew(
      ManagedServiceInstance instance, ManagedServiceInstanceStatus status, Instant now, boolean resolvable) {
    long generation = instance.getMetadata().getGeneration();
    LastOperation last = status.getLastOperation();
    if (last != null && last.getGeneration() != null && last.getGeneration() >= generation) {
      if (last.getState() == OperationState.FAILED && resolvable) {
        last.setState(OperationState.IN_PROGRESS);
        last.setDescription(describe(last.getType(), OperationState.IN_PROGRESS));
        last.setEndTime(null);
      }
      return last;
    }
    OperationType type =
        OperationClassifier.classify(status.getAppliedSpec(), instance.getSpec().isSuspended(), last);
    LastOperation operation =
        new LastOperation(type, OperationState.IN_PROGRESS, describe(type, OperationState.IN_PROGRESS), now.toString(), generation);
    status.setLastOperation(operation);
    return operation;
  }

  private ManagedServiceInstance observe(
      ManagedServiceInstance instance,
      Context<ManagedServiceInstance> context,
      ManagedServiceInstanceStatus status,
      ResolvedPlan plan,
      Instant now) {
    StatefulSet workload = context.getSecondaryResource(StatefulSet.class).orElse(null);
    WorkloadObservation observation = WorkloadObservation.of(workload);
    LastOperation operation = status.getLastOperation();
    InstanceState previous = instance.getStatus() == null ? null : instance.getStatus().getState();
    InstanceState state =
        InstanceStateDeriver.derive(
            instance.getSpec().isSuspended(), observation, status.getBillableSince() != null, operation.getType());
    if (state == InstanceState.Ready && status.getBillableSince() == null) {
      status.setBillableSince(now.toString());
      metrics.becameReady(Duration.between(Instant.parse(instance.getMetadata().getCreationTimestamp()), now));
    }
    if (InstanceStateDeriver.isSettled(state) && operation.getState() == OperationState.IN_PROGRESS) {
      operation.setState(OperationState.SUCCEEDED);
      operation.setDescription(describe(operation.getType(), OperationState.SUCCEEDED));
      operation.setEndTime(now.toString());
    }
    status.setDashboardUrl(DashboardUrl.of(instance, plan.offering()));
    StatusComposer.compose(instance, status, state, null, message(state, workload), now);
    if (metering != null) {
      metering.observe(instance, status, plan.plan(), state, now);
    }
    ManagedServiceInstance recorded = StatusRecorder.record(instance, status, context);
    if (state != previous) {
      events.normal(instance, InstanceStateDeriver.reasonOf(state), message(state, workload));
    }
    return recorded;
  }

  private void fail(
      ManagedServiceInstance instance,
      Context<ManagedServiceInstance> context,
      ManagedServiceInstanceStatus status,
      LastOperation operation,
      Reason reason,
      String message,
      Instant now) {
    if (operation.getState() == OperationState.IN_PROGRESS) {
      operation.setState(OperationState.FAILED);
      operation.setDescription(message);
      operation.setEndTime(now.toString());
    }
    String previousMessage = instance.getStatus() == null ? null : instance.getStatus().getMessage();
    StatusComposer.compose(instance, status, InstanceState.Failed, reason, message, now);
    StatusRecorder.record(instance, status, context);
    if (!Objects.equals(previousMessage, message)) {
      events.warning(instance, reason, message);
    }
  }

  private void recordPaused(ManagedServiceInstance instance, Context<ManagedServiceInstance> context, Instant now) {
    ManagedServiceInstanceStatus status = StatusRecorder.copy(instance.getStatus());
    long generation = instance.getMetadata().getGeneration();
    Conditions conditions = new Conditions(status.getConditions(), generation, now);
    status.getConditions().stream()
        .map(c -> c.getType())
        .filter(t -> !t.equals(ConditionTypes.PAUSED))
        .forEach(conditions::keep);
    conditions.set(ConditionTypes.PAUSED, true, Reason.PAUSED, "reconciliation paused by annotation " + ApiGroup.PAUSED_ANNOTATION);
    status.setConditions(conditions.build());
    boolean wasPaused = instance.getStatus() != null && instance.getStatus().isConditionTrue(ConditionTypes.PAUSED);
    StatusRecorder.record(instance, status, context);
    if (!wasPaused) {
      events.normal(instance, Reason.PAUSED, "reconciliation paused; the workload is left as it is");
    }
  }

  @Override
  public DeleteControl cleanup(ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    Instant now = clock.instant();
    if (Annotations.paused(instance)) {
      recordPaused(instance, context, now);
      return DeleteControl.noFinalizerRemoval();
    }
    ManagedServiceInstanceStatus status = StatusRecorder.copy(instance.getStatus());
    LastOperation operation = status.getLastOperation();
    if (operation == null || operation.getType() != OperationType.DEPROVISION) {
      status.setLastOperation(
          new LastOperation(
              OperationType.DEPROVISION,
              OperationState.IN_PROGRESS,
              describe(OperationType.DEPROVISION, OperationState.IN_PROGRESS),
              now.toString(),
              instance.getMetadata().getGeneration()));
    }
    boolean prevented = Annotations.deletionPrevented(instance);
    boolean orphan = Annotations.orphanOnDeletion(instance);
    String message =
        prevented
            ? "deletion blocked: remove annotation " + ApiGroup.PREVENT_DELETION_ANNOTATION + " to proceed"
            : orphan ? "orphaning the workload (" + ApiGroup.DELETION_POLICY_ANNOTATION + ": orphan): it is left in place"
            : "deleting the workload";
    InstanceState previous = instance.getStatus() == null ? null : instance.getStatus().getState();
    StatusComposer.compose(instance, status, InstanceState.Deleting, null, message, now);
    ManagedServiceInstance recorded = StatusRecorder.record(instance, status, context);
    // The framework removes the finalizer with a patch based on the version it handed us; after a
    // status write that version is stale, so the removal waits for the next (immediate) pass.
    boolean statusWritten = recorded != instance;
    if (previous != InstanceState.Deleting) {
      events.normal(instance, Reason.DELETING, message);
    }
    if (prevented) {
      return DeleteControl.noFinalizerRemoval();
    }

    if (orphan) {
      cleanup.orphanAll(instance);
    } else {
      cleanup.deleteAll(instance);
    }
    for (DeletionHook hook : deletionHooks) {
      Optional<Duration> again = hook.beforeFinalizerRemoval(recorded, context);
      if (again.isPresent()) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(again.get());
      }
    }
    quota.reconcile(instance.getMetadata().getNamespace(), liveInstancesIn(instance, context));
    if (statusWritten) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ZERO);
    }
    if (orphan) {
      events.normal(instance, Reason.ORPHANED,
          "workload left in place without owner references to the instance; releasing the instance");
      LOG.info("instance {}/{} deprovisioned, workload orphaned", instance.getMetadata().getNamespace(),
          instance.getMetadata().getName());
      return DeleteControl.defaultDelete();
    }
    if (!cleanup.allGone(instance)) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RECHECK);
    }
    events.normal(instance, Reason.DELETED, "workload deleted; releasing the instance");
    LOG.info("instance {}/{} deprovisioned", instance.getMetadata().getNamespace(), instance.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }

  @Override
  public ErrorStatusUpdateControl<ManagedServiceInstance> updateErrorStatus(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context, Exception e) {
    boolean lastAttempt = context.getRetryInfo().map(r -> r.isLastAttempt()).orElse(true);
    String message = "reconcile failed" + (lastAttempt ? "" : ", retrying") + ": " + e.getMessage();
    LOG.warn("instance {}/{}: {}", instance.getMetadata().getNamespace(), instance.getMetadata().getName(), message);
    if (instance.isMarkedForDeletion()) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    ManagedServiceInstanceStatus status = StatusRecorder.copy(instance.getStatus());
    // The ledger and the delivery note may have moved during the failed reconcile (pending written): never roll it back.
    context.getPrimaryCache().get(ResourceID.fromResource(instance))
        .map(ManagedServiceInstance::getStatus)
        .ifPresent(latest -> {
          ManagedServiceInstanceStatus copy = StatusRecorder.copy(latest);
          status.setUsage(copy.getUsage());
          status.setDeliveryNote(copy.getDeliveryNote());
        });
    Instant now = clock.instant();
    if (lastAttempt) {
      StatusComposer.compose(instance, status, InstanceState.Failed, Reason.RECONCILE_ERROR, message, now);
    } else {
      Conditions conditions = new Conditions(status.getConditions(), instance.getMetadata().getGeneration(), now);
      status.getConditions().stream().map(c -> c.getType()).filter(t -> !t.equals(ConditionTypes.RECONCILING)).forEach(conditions::keep);
      conditions.set(ConditionTypes.RECONCILING, true, Reason.RECONCILE_ERROR, message);
      status.setConditions(conditions.build());
      status.setMessage(message);
    }
    try {
      StatusRecorder.record(instance, status, context);
    } catch (RuntimeException recordFailure) {
      LOG.warn("could not record error status: {}", recordFailure.getMessage());
    }
    events.warning(instance, Reason.RECONCILE_ERROR, message);
    return ErrorStatusUpdateControl.<ManagedServiceInstance>noStatusUpdate();
  }

  private static List<ManagedServiceInstance> liveInstancesIn(
      ManagedServiceInstance current, Context<ManagedServiceInstance> context) {
    String namespace = current.getMetadata().getNamespace();
    List<ManagedServiceInstance> live = new ArrayList<>();
    context.getPrimaryCache().list(namespace)
        .filter(i -> !i.getMetadata().getName().equals(current.getMetadata().getName()))
        .filter(i -> !i.isMarkedForDeletion())
        .forEach(live::add);
    if (!current.isMarkedForDeletion()) {
      live.add(current);
    }
    return live;
  }

  private static String message(InstanceState state, StatefulSet workload) {
    int ready = workload == null || workload.getStatus() == null || workload.getStatus().getReadyReplicas() == null
        ? 0 : workload.getStatus().getReadyReplicas();
    int desired = workload == null || workload.getSpec().getReplicas() == null ? 0 : workload.getSpec().getReplicas();
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

  static String describe(OperationType type, OperationState state) {
    return type.value() + " " + state.value();
  }
}
