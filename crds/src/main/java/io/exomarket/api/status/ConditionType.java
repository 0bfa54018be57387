package io.exomarket.api.status;

/**
 * The condition types of a ManagedServiceInstance. Ready, Reconciling and Stalled follow kstatus,
 * so Flux, Argo CD and kubectl wait read them without a plug-in.
 */
public final class ConditionType {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String SUSPENDED = "Suspended";
  public static final String PAUSED = "Paused";
  public static final String DELETION_PROTECTED = "DeletionProtected";

  /** Whether usage is being reported (False: an Uncertain report or a lag). */
  public static final String USAGE_REPORTED = "UsageReported";

  private ConditionType() {}
}
