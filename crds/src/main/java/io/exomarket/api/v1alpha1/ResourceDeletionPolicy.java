package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happens to a graph resource when its instance is deprovisioned. */
public enum ResourceDeletionPolicy {
  /** Deleted with the instance (the default). */
  DELETE("Delete"),
  /** Left in place without owner references; nothing tracks it afterwards. */
  ORPHAN("Orphan"),
  /**
   * Kept after deprovision, labelled as retained, and purged after the offering's retention period
   * (data retention).
   */
  RETAIN("Retain");

  private final String value;

  ResourceDeletionPolicy(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
