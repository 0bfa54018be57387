package io.exomarket.operator.reconciler;

/** Condition types of a ManagedServiceInstance (kstatus: Ready, Reconciling, Stalled). */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String SUSPENDED = "Suspended";
  public static final String PAUSED = "Paused";
  public static final String DELETION_PROTECTED = "DeletionProtected";

  /** Owned by metering: whether usage is being reported (False: Uncertain or Lagging). */
  public static final String USAGE_REPORTED = "UsageReported";

  private ConditionTypes() {}
}
