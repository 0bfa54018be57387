package io.exomarket.operator.status;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Conditions;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.AppliedSpec;
import io.exomarket.api.v1alpha1.DeliveryNote;
import io.exomarket.api.v1alpha1.EscapeHatches;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.api.v1alpha1.WorkloadOutputs;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects what each part of a reconcile says about an instance (lifecycle, operation, pause,
 * deletion protection, usage, delivery) and {@link #build() builds} the status once: every
 * condition with the generation it describes, transition times moved only when a condition flips,
 * and the parts nobody spoke about kept as they were. The one place that turns a state into
 * conditions, so reasons, state and message never disagree.
 */
public final class InstanceStatusAggregator {
  private final ManagedServiceInstance instance;
  private final ManagedServiceInstanceStatus status;
  private final Instant now;
  private Lifecycle lifecycle;
  private String retrying;
  private UsageCondition usage;
  private boolean built;

  /** What the observed lifecycle says: a state, a message, and the cause when it failed. */
  private record Lifecycle(InstanceState state, Reason failure, String message) {}

  /** The UsageReported condition, as metering judges it. */
  public record UsageCondition(boolean reported, Reason reason, String message) {}

  /** Starts from {@code instance}'s status as stored. */
  public InstanceStatusAggregator(ManagedServiceInstance instance, Instant now) {
    this.instance = instance;
    this.status =
        instance.getStatus() == null
            ? new ManagedServiceInstanceStatus()
            : Serialization.clone(instance.getStatus());
    this.now = now;
  }

  /** The instance whose status this is. */
  public ManagedServiceInstance instance() {
    return instance;
  }

  /** The status as it stands so far, for parts that read what others recorded. */
  public ManagedServiceInstanceStatus view() {
    return status;
  }

  public Instant now() {
    return now;
  }

  public InstanceStatusAggregator operation(LastOperation operation) {
    status.setLastOperation(operation);
    return this;
  }

  public InstanceStatusAggregator appliedSpec(AppliedSpec applied) {
    status.setAppliedSpec(applied);
    return this;
  }

  public InstanceStatusAggregator billableSince(String since) {
    status.setBillableSince(since);
    return this;
  }

  /**
   * The workload graph's outputs: dashboardUrl and endpoint in their own fields, the rest under
   * outputs. An output not rendered now (what it reads is not observed yet) keeps its last value.
   */
  public InstanceStatusAggregator outputs(Map<String, String> rendered) {
    Map<String, String> others = new LinkedHashMap<>();
    if (status.getOutputs() != null) others.putAll(status.getOutputs());
    rendered.forEach(
        (name, value) -> {
          switch (name) {
            case WorkloadOutputs.DASHBOARD_URL -> status.setDashboardUrl(value);
            case WorkloadOutputs.ENDPOINT -> status.setEndpoint(value);
            default -> others.put(name, value);
          }
        });
    status.setOutputs(others);
    return this;
  }

  /** The observed state (not Failed) and what to tell humans. */
  public InstanceStatusAggregator lifecycle(InstanceState state, String message) {
    lifecycle = new Lifecycle(state, null, message);
    return this;
  }

  /** The instance cannot run: Stalled, for this reason, until its cause goes. */
  public InstanceStatusAggregator failed(Reason reason, String message) {
    lifecycle = new Lifecycle(InstanceState.Failed, reason, message);
    return this;
  }

  /** A reconcile failed and will be retried: Reconciling, the state is kept. */
  public InstanceStatusAggregator retrying(String message) {
    retrying = message;
    return this;
  }

  /** The usage ledger, and the UsageReported condition when metering judged it (else kept). */
  public InstanceStatusAggregator usage(UsageStatus ledger, UsageCondition condition) {
    status.setUsage(ledger);
    usage = condition;
    return this;
  }

  /** Changes the delivery note (created when there is none yet). */
  public InstanceStatusAggregator deliveryNote(Consumer<DeliveryNote> change) {
    if (status.getDeliveryNote() == null) {
      status.setDeliveryNote(new DeliveryNote());
    }
    change.accept(status.getDeliveryNote());
    return this;
  }

  /** The status to write. Runs once. */
  public ManagedServiceInstanceStatus build() {
    if (built) {
      throw new IllegalStateException("an aggregator builds one status");
    }
    built = true;
    long generation =
        instance.getMetadata().getGeneration() == null ? 0 : instance.getMetadata().getGeneration();
    Conditions conditions = new Conditions(status.getConditions(), generation, now);
    if (lifecycle != null) {
      applyLifecycle(conditions, generation);
    }
    if (retrying != null) {
      conditions.set(ConditionType.RECONCILING, true, Reason.RECONCILE_ERROR, retrying);
      status.setMessage(retrying);
    }
    if (usage != null) {
      conditions.set(
          ConditionType.USAGE_REPORTED, usage.reported(), usage.reason(), usage.message());
    }
    if (EscapeHatches.paused(instance)) {
      conditions.set(
          ConditionType.PAUSED,
          true,
          Reason.PAUSED,
          "reconciliation paused by annotation " + ApiGroup.PAUSED_ANNOTATION);
    } else {
      conditions.remove(ConditionType.PAUSED);
    }
    if (EscapeHatches.deletionPrevented(instance)) {
      conditions.set(
          ConditionType.DELETION_PROTECTED,
          true,
          Reason.DELETION_PREVENTED,
          "deletion blocked by annotation");
    } else {
      conditions.remove(ConditionType.DELETION_PROTECTED);
    }
    status.setConditions(conditions.build());
    return status;
  }

  private void applyLifecycle(Conditions conditions, long generation) {
    InstanceState state = lifecycle.state();
    String message = lifecycle.message();
    boolean stalled = state == InstanceState.Failed;
    boolean settled = state == InstanceState.Ready || state == InstanceState.Suspended;
    Reason reason = stalled ? lifecycle.failure() : Reason.of(state);
    boolean suspended = instance.getSpec().isSuspended();
    conditions
        .set(ConditionType.READY, settled, reason, message)
        .set(
            ConditionType.RECONCILING,
            !settled && !stalled,
            reason,
            settled || stalled ? "" : message)
        .set(
            ConditionType.STALLED,
            stalled,
            stalled ? reason : Reason.RECONCILED,
            stalled ? message : "")
        .set(
            ConditionType.SUSPENDED,
            suspended,
            !suspended
                ? Reason.NOT_SUSPENDED
                : state == InstanceState.Suspended ? Reason.SUSPENDED : Reason.SUSPENDING,
            suspended ? "suspended by the platform; data is kept" : "");
    status.setState(state);
    status.setMessage(message);
    status.setObservedGeneration(generation);
  }
}
