package io.exomarket.broker.osb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an OSB request is refused or an operation failed, in OSB's words: a {@link Problem} (which
 * carries the {@code error} code of the answer body) and a description for humans. No HTTP status:
 * the HTTP layer alone picks it, per endpoint. No stack trace: these are answers, not bugs.
 */
public final class OsbError extends RuntimeException {
  private final Problem problem;
  private final Boolean instanceUsable;
  private final Boolean updateRepeatable;

  public OsbError(Problem problem, String description) {
    this(problem, description, null, null);
  }

  public OsbError(
      Problem problem, String description, Boolean instanceUsable, Boolean updateRepeatable) {
    super(description, null, false, false);
    this.problem = problem;
    this.instanceUsable = instanceUsable;
    this.updateRepeatable = updateRepeatable;
  }

  public static OsbError badRequest(String description) {
    return new OsbError(Problem.BAD_REQUEST, description);
  }

  public static OsbError unauthorized() {
    return new OsbError(Problem.UNAUTHORIZED, "missing or wrong HTTP Basic credentials");
  }

  public static OsbError unsupportedVersion(String description) {
    return new OsbError(Problem.UNSUPPORTED_API_VERSION, description);
  }

  public static OsbError notFound(String description) {
    return new OsbError(Problem.NOT_FOUND, description);
  }

  public static OsbError conflict(String description) {
    return new OsbError(Problem.CONFLICT, description);
  }

  public static OsbError concurrency(String description) {
    return new OsbError(Problem.CONCURRENCY, description);
  }

  public static OsbError maintenanceInfoConflict(String description) {
    return new OsbError(Problem.MAINTENANCE_INFO_CONFLICT, description);
  }

  public Problem problem() {
    return problem;
  }

  /** The OSB error body: {@code {error, description}}, plus the update/deprovision flags. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    if (problem.code() != null) {
      body.put("error", problem.code());
    }
    body.put("description", getMessage());
    if (instanceUsable != null) {
      body.put("instance_usable", instanceUsable);
    }
    if (updateRepeatable != null) {
      body.put("update_repeatable", updateRepeatable);
    }
    return body;
  }
}
