package io.exomarket.broker.osb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OSB error answer: the HTTP status and the {@code {error, description}} body. Thrown anywhere
 * before the first write; the HTTP layer turns it into the response. No stack trace: these are
 * answers, not bugs.
 */
public final class OsbException extends RuntimeException {
  private final int status;
  private final String error;
  private final Boolean instanceUsable;
  private final Boolean updateRepeatable;

  public OsbException(int status, String error, String description) {
    this(status, error, description, null, null);
  }

  public OsbException(
      int status, String error, String description, Boolean instanceUsable, Boolean updateRepeatable) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
    this.instanceUsable = instanceUsable;
    this.updateRepeatable = updateRepeatable;
  }

  public static OsbException badRequest(String description) {
    return new OsbException(400, "BadRequest", description);
  }

  public static OsbException unauthorized() {
    return new OsbException(401, "Unauthorized", "missing or wrong HTTP Basic credentials");
  }

  public static OsbException preconditionFailed(String description) {
    return new OsbException(412, "PreconditionFailed", description);
  }

  public static OsbException notFound(String description) {
    return new OsbException(404, "NotFound", description);
  }

  public static OsbException conflict(String description) {
    return new OsbException(409, "Conflict", description);
  }

  public static OsbException concurrency(String description) {
    return new OsbException(422, "ConcurrencyError", description);
  }

  public static OsbException maintenanceInfoConflict(String description) {
    return new OsbException(422, "MaintenanceInfoConflict", description);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    if (error != null) body.put("error", error);
    body.put("description", getMessage());
    if (instanceUsable != null) body.put("instance_usable", instanceUsable);
    if (updateRepeatable != null) body.put("update_repeatable", updateRepeatable);
    return body;
  }
}
