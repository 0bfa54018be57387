package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The last operation on the instance; kept after it ends because platforms poll late. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastOperation {
  @JsonPropertyDescription("provision, update, suspend, resume or deprovision.")
  private OperationType type;

  @JsonPropertyDescription("in progress, succeeded or failed.")
  private OperationState state;

  @JsonPropertyDescription("A human-readable description of the outcome.")
  private String description;

  @JsonPropertyDescription("When the operation started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the operation ended (RFC 3339); empty while in progress.")
  private String endTime;

  @JsonPropertyDescription("The metadata.generation the operation applies.")
  private Long generation;

  public LastOperation() {}

  public LastOperation(
      OperationType type,
      OperationState state,
      String description,
      String startTime,
      Long generation) {
    this.type = type;
    this.state = state;
    this.description = description;
    this.startTime = startTime;
    this.generation = generation;
  }

  public OperationType getType() {
    return type;
  }

  public void setType(OperationType type) {
    this.type = type;
  }

  public OperationState getState() {
    return state;
  }

  public void setState(OperationState state) {
    this.state = state;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getEndTime() {
    return endTime;
  }

  public void setEndTime(String endTime) {
    this.endTime = endTime;
  }

  public Long getGeneration() {
    return generation;
  }

  public void setGeneration(Long generation) {
    this.generation = generation;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LastOperation that
        && type == that.type
        && state == that.state
        && Objects.equals(description, that.description)
        && Objects.equals(startTime, that.startTime)
        && Objects.equals(endTime, that.endTime)
        && Objects.equals(generation, that.generation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, state, description, startTime, endTime, generation);
  }
}
