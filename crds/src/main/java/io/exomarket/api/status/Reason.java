package io.exomarket.api.status;

import io.exomarket.api.v1alpha1.InstanceState;

/**
 * The closed vocabulary of condition and event reasons. One place names them all, so that a
 * condition's reason and the state never disagree, and the adapter reads what the operator writes.
 */
public enum Reason {
  PROVISIONING("Provisioning"),
  READY("Ready"),
  UPDATING("Updating"),
  SUSPENDING("Suspending"),
  SUSPENDED("Suspended"),
  RESUMING("Resuming"),
  DELETING("Deleting"),
  NOT_SUSPENDED("NotSuspended"),
  RECONCILED("Reconciled"),
  OFFERING_NOT_FOUND("OfferingNotFound"),
  PLAN_NOT_FOUND("PlanNotFound"),
  INVALID_PARAMETERS("InvalidParameters"),
  INVALID_OFFERING("InvalidOffering"),
  RECONCILE_ERROR("ReconcileError"),
  PAUSED("Paused"),
  DELETION_PREVENTED("DeletionPrevented"),
  DELETED("Deleted"),
  ORPHANED("Orphaned"),
  /** Deprovisioned with data retention: the volumes are kept until their purge-after time. */
  RETAINED("Retained"),
  /** A retained volume or object reached its purge-after time and was deleted. */
  PURGED("Purged"),
  /** restore-from names no retained volume, or volumes of another organization. */
  RESTORE_REFUSED("RestoreRefused"),
  USAGE_REPORTED("Reported"),
  USAGE_UNCERTAIN("Uncertain"),
  USAGE_LAGGING("Lagging"),
  USAGE_GIVE_UP("UsageReportGivenUp"),
  VOLUME_EXPANSION_REFUSED("VolumeExpansionRefused"),
  /** An expression or template of the offering's workload graph fails (compiling or rendering). */
  INVALID_TEMPLATE("InvalidTemplate"),
  /** The API server refused an object the graph rendered (schema, admission, RBAC). */
  WORKLOAD_REJECTED("WorkloadRejected"),
  /** A kind the graph uses is not served, not namespaced, or not granted to the operator. */
  KIND_UNAVAILABLE("KindUnavailable"),
  /** An offering that compiled, whose kinds are all usable. */
  OFFERING_VALID("Valid"),
  DELIVERY_NOTE_SENT("DeliveryNoteSent"),
  DELIVERY_NOTE_FAILED("DeliveryNoteFailed"),
  BINDING("Binding"),
  UNBINDING("Unbinding"),
  INSTANCE_NOT_FOUND("InstanceNotFound"),
  INSTANCE_NOT_READY("InstanceNotReady"),
  NOT_BINDABLE("NotBindable"),
  INVALID_CREDENTIALS("InvalidCredentials");

  private final String value;

  Reason(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /**
   * The reason that names a lifecycle state (Failed has no single one: its cause is the reason).
   */
  public static Reason of(InstanceState state) {
    return switch (state) {
      case Provisioning -> PROVISIONING;
      case Ready -> READY;
      case Updating -> UPDATING;
      case Suspending -> SUSPENDING;
      case Suspended -> SUSPENDED;
      case Resuming -> RESUMING;
      case Deleting -> DELETING;
      case Failed -> RECONCILE_ERROR;
    };
  }
}
