package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** The states of an OSB operation, spelled as OSB's last_operation spells them. */
public enum OperationState {
  IN_PROGRESS("in progress"),
  SUCCEEDED("succeeded"),
  FAILED("failed");

  private final String value;

  OperationState(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
