package io.exomarket.broker.osb;

/**
 * What went wrong with an OSB request, in the broker's vocabulary; {@link #code()} is the {@code
 * error} field of the answer (OSB's CamelCase codes where the spec defines one).
 */
public enum Problem {
  /** The request is malformed or names something that does not exist in the catalog. */
  BAD_REQUEST("BadRequest"),
  /** Missing or wrong credentials. */
  UNAUTHORIZED("Unauthorized"),
  /** The platform speaks an OSB version we do not. */
  UNSUPPORTED_API_VERSION("PreconditionFailed"),
  /** The instance (or the operation asked about) does not exist, or not yet. */
  NOT_FOUND("NotFound"),
  /** The same id exists with different attributes. */
  CONFLICT("Conflict"),
  /** Another operation on the instance is in progress. */
  CONCURRENCY("ConcurrencyError"),
  /** The requested maintenance_info is not the plan's. */
  MAINTENANCE_INFO_CONFLICT("MaintenanceInfoConflict"),
  /** The offering binds only with an application (OSB app_guid) and none was named. */
  REQUIRES_APP("RequiresApp"),
  /** The plan cannot be changed to the one asked for. */
  PLAN_CHANGE_NOT_SUPPORTED("PlanChangeNotSupported"),
  /** The operation was accepted and then failed. */
  PROVISION_FAILED("ProvisionFailed"),
  UPDATE_FAILED("UpdateFailed"),
  DEPROVISION_FAILED("DeprovisionFailed"),
  BIND_FAILED("BindFailed"),
  UNBIND_FAILED("UnbindFailed"),
  /** The broker or its Kubernetes API cannot serve right now; retrying later may succeed. */
  UNAVAILABLE("ServiceUnavailable"),
  /** Our own fault (a broken offering, a bug). */
  INTERNAL("InternalError");

  private final String code;

  Problem(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
