package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Where the binding stands. Names the credential's Secret; never holds the credential. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedServiceBindingStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("One word: Binding, Ready, Unbinding or Failed.")
  private BindingState state;

  @JsonPropertyDescription(
      "The Secret (same namespace, owned by this binding) holding username, password and"
          + " credentials.json.")
  private String secretName;

  @JsonPropertyDescription("Conditions by Kubernetes API conventions: Ready, Reconciling, Stalled.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The last operation (bind or unbind), kept after it ends.")
  private LastOperation lastOperation;

  @JsonPropertyDescription("A human-readable summary of the state.")
  private String message;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public BindingState getState() {
    return state;
  }

  public void setState(BindingState state) {
    this.state = state;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  @JsonIgnore
  public boolean isConditionTrue(String type) {
    return conditions.stream()
        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  public LastOperation getLastOperation() {
    return lastOperation;
  }

  public void setLastOperation(LastOperation lastOperation) {
    this.lastOperation = lastOperation;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManagedServiceBindingStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && state == s.state
        && Objects.equals(secretName, s.secretName)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(lastOperation, s.lastOperation)
        && Objects.equals(message, s.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, state, secretName, conditions, lastOperation, message);
  }
}
