package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * What the operator last handed to the workload. It tells "spec changed" apart from "already
 * applied", so a lost or stale status never makes the operator classify or repeat a change twice.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppliedSpec {
  @JsonPropertyDescription("The metadata.generation that was applied.")
  private Long generation;

  @JsonPropertyDescription("The plan that was applied.")
  private String planId;

  @JsonPropertyDescription("Whether the applied workload was suspended.")
  private boolean suspended;

  @JsonPropertyDescription("A hash of the applied spec.")
  private String fingerprint;

  public AppliedSpec() {}

  public AppliedSpec(Long generation, String planId, boolean suspended, String fingerprint) {
    this.generation = generation;
    this.planId = planId;
    this.suspended = suspended;
    this.fingerprint = fingerprint;
  }

  public Long getGeneration() {
    return generation;
  }

  public void setGeneration(Long generation) {
    this.generation = generation;
  }

  public String getPlanId() {
    return planId;
  }

  public void setPlanId(String planId) {
    this.planId = planId;
  }

  public boolean isSuspended() {
    return suspended;
  }

  public void setSuspended(boolean suspended) {
    this.suspended = suspended;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public void setFingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppliedSpec a
        && suspended == a.suspended
        && Objects.equals(generation, a.generation)
        && Objects.equals(planId, a.planId)
        && Objects.equals(fingerprint, a.fingerprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, planId, suspended, fingerprint);
  }
}
