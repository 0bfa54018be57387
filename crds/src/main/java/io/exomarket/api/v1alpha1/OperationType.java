package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of change an OSB request (or a GitOps edit) asked for, of an instance or a binding. */
public enum OperationType {
  PROVISION("provision"),
  UPDATE("update"),
  SUSPEND("suspend"),
  RESUME("resume"),
  DEPROVISION("deprovision"),
  /** Of a binding: its credential is made. */
  BIND("bind"),
  /** Of a binding: its credential is revoked. */
  UNBIND("unbind");

  private final String value;

  OperationType(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
