package io.exomarket.api.v1alpha1;

/** The API group and version shared by every type, and the label and annotation keys of the API. */
public final class ApiGroup {
  public static final String NAME = "marketplace.exomarket.io";
  public static final String VERSION = "v1alpha1";

  /** Annotation: resolves an uncertain usage report: "resend:<attemptId>" or "skip:<attemptId>". */
  public static final String USAGE_RESOLUTION_ANNOTATION = NAME + "/usage-resolution";

  /** Annotation: "true" stops the operator from touching the instance and its workload. */
  public static final String PAUSED_ANNOTATION = NAME + "/paused";

  /** Annotation: "true" keeps the finalizer on a deleted instance until it is removed. */
  public static final String PREVENT_DELETION_ANNOTATION = NAME + "/prevent-deletion";

  /**
   * Annotation: {@value #DELETION_POLICY_ORPHAN} leaves the workload in place when the instance is
   * deleted (its owner references to the instance are removed); anything else deletes it.
   */
  public static final String DELETION_POLICY_ANNOTATION = NAME + "/deletion-policy";

  public static final String DELETION_POLICY_ORPHAN = "orphan";

  /** Annotation set by the broker adapter: the OSB originating identity, for audit. */
  public static final String ORIGINATING_IDENTITY_ANNOTATION = NAME + "/originating-identity";

  /** Annotation set by the broker adapter: the OSB request identity that last changed the spec. */
  public static final String REQUEST_ID_ANNOTATION = NAME + "/request-id";

  /** Label on every object the system creates. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY_VALUE = "exomarket-operator";

  /** Label: the name of the instance a workload object belongs to. */
  public static final String INSTANCE_LABEL = NAME + "/instance";

  /** Label: the id, in the offering's workload graph, of the resource an object renders. */
  public static final String RESOURCE_LABEL = NAME + "/resource";

  /**
   * Label on tenant namespaces and instances: the organization UUID, or for another id the key its
   * namespace is named after.
   */
  public static final String ORGANIZATION_LABEL = NAME + "/organization";

  /**
   * Annotation on tenant namespaces and instances: the organization id exactly as the platform sent
   * it (a label cannot hold every id; the organization label then holds the namespace's key).
   */
  public static final String ORGANIZATION_ID_ANNOTATION = NAME + "/organization-id";

  /** Label on bindings: the name of the instance they bind. */
  public static final String BINDING_INSTANCE_LABEL = NAME + "/binding-instance";

  /** Label on tenant namespaces: marks the namespace as a tenant namespace. */
  public static final String TENANT_LABEL = NAME + "/tenant";

  /** Label on namespaces whose pods may reach every tenant's services (monitoring, support). */
  public static final String PROVIDER_ACCESS_LABEL = NAME + "/provider-access";

  /**
   * Label on volumes and graph objects kept after their instance was deprovisioned (data
   * retention); they no longer carry the instance label, so nothing of a new instance adopts them.
   */
  public static final String RETAINED_LABEL = NAME + "/retained";

  /** Label on retained objects: the OSB instance id they belonged to (a UUID fits a label). */
  public static final String RETAINED_INSTANCE_ID_LABEL = NAME + "/retained-instance-id";

  /** Annotation on retained objects: when the purge loop deletes them (RFC 3339). */
  public static final String PURGE_AFTER_ANNOTATION = NAME + "/purge-after";

  /** Annotation on retained objects: the name of the instance they belonged to. */
  public static final String RETAINED_INSTANCE_ANNOTATION = NAME + "/retained-instance";

  /** Annotation on retained objects: the OSB service (offering) id of their instance. */
  public static final String RETAINED_OFFERING_ANNOTATION = NAME + "/retained-offering";

  /** Annotation on retained objects: the plan id their instance last ran. */
  public static final String RETAINED_PLAN_ANNOTATION = NAME + "/retained-plan";

  /**
   * Annotation on a new instance: the OSB id of a deprovisioned instance of the same organization
   * whose retained volumes it starts from (as clones).
   */
  public static final String RESTORE_FROM_ANNOTATION = NAME + "/restore-from";

  private ApiGroup() {}
}
