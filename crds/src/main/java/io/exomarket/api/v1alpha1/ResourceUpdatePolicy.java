package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the operator keeps a graph resource in line with its template after creating it. */
public enum ResourceUpdatePolicy {
  /** Updated whenever a field the template sets differs from the live object (the default). */
  APPLY("Apply"),
  /**
   * Created once and never updated: for generated values (credentials from randomString) that must
   * not change on the next render.
   */
  CREATE_ONLY("CreateOnly");

  private final String value;

  ResourceUpdatePolicy(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
