package io.exomarket.operator.workload;

/**
 * The API server refused an object the graph rendered (its schema, an admission policy, RBAC), or a
 * foreign object holds the name: retrying the same object cannot help until the offering or the
 * cluster changes.
 */
public final class ObjectRejection extends RuntimeException {
  private final String resourceId;

  public ObjectRejection(String resourceId, String message) {
    super(message);
    this.resourceId = resourceId;
  }

  public String resourceId() {
    return resourceId;
  }

  /** One line for a status message: which resource, and what the API server said. */
  public String describe() {
    return "resource '" + resourceId + "': " + getMessage();
  }
}
