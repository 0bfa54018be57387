package io.exomarket.operator.reconciler;

/**
 * The closed vocabulary of condition and event reasons. One place names them all, so that a
 * condition's reason and the state never disagree.
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
  USAGE_REPORTED("Reported"),
  USAGE_UNCERTAIN("Uncertain"),
  USAGE_LAGGING("Lagging"),
  USAGE_GIVE_UP("UsageReportGivenUp"),
  VOLUME_EXPANSION_REFUSED("VolumeExpansionRefused"),
  DELIVERY_NOTE_SENT("DeliveryNoteSent"),
  DELIVERY_NOTE_FAILED("DeliveryNoteFailed");

  private final String value;

  Reason(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
