package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedServiceInstanceStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "One word: Provisioning, Ready, Updating, Suspending, Suspended, Resuming, Deleting or Failed.")
  private InstanceState state;

  @JsonPropertyDescription(
      "Conditions by Kubernetes API conventions: Ready, Reconciling, Stalled, Suspended, Paused,"
          + " DeletionProtected.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The last operation, kept after it ends.")
  private LastOperation lastOperation;

  @JsonPropertyDescription("The customer's dashboard URL.")
  private String dashboardUrl;

  @JsonPropertyDescription("Where clients connect: the workload graph's endpoint output.")
  private String endpoint;

  @JsonPropertyDescription("The workload graph's other outputs, by name.")
  private Map<String, String> outputs;

  @JsonPropertyDescription(
      "When the instance first became Ready (RFC 3339): usage is billed from this point on.")
  private String billableSince;

  @JsonPropertyDescription("A human-readable summary of the state.")
  private String message;

  @JsonPropertyDescription("The metering ledger (written by the operator only).")
  private UsageStatus usage;

  @JsonPropertyDescription(
      "The delivery note sent to the vendor's webhook once billable (operator only).")
  private DeliveryNote deliveryNote;

  @JsonPropertyDescription("What the operator last applied to the workload.")
  private AppliedSpec appliedSpec;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public InstanceState getState() {
    return state;
  }

  public void setState(InstanceState state) {
    this.state = state;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  @JsonIgnore
  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  @JsonIgnore
  public boolean isConditionTrue(String type) {
    return condition(type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  public LastOperation getLastOperation() {
    return lastOperation;
  }

  public void setLastOperation(LastOperation lastOperation) {
    this.lastOperation = lastOperation;
  }

  public String getDashboardUrl() {
    return dashboardUrl;
  }

  public void setDashboardUrl(String dashboardUrl) {
    this.dashboardUrl = dashboardUrl;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public Map<String, String> getOutputs() {
    return outputs;
  }

  public void setOutputs(Map<String, String> outputs) {
    this.outputs = outputs == null || outputs.isEmpty() ? null : outputs;
  }

  public String getBillableSince() {
    return billableSince;
  }

  public void setBillableSince(String billableSince) {
    this.billableSince = billableSince;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public UsageStatus getUsage() {
    return usage;
  }

  public void setUsage(UsageStatus usage) {
    this.usage = usage;
  }

  public DeliveryNote getDeliveryNote() {
    return deliveryNote;
  }

  public void setDeliveryNote(DeliveryNote deliveryNote) {
    this.deliveryNote = deliveryNote;
  }

  public AppliedSpec getAppliedSpec() {
    return appliedSpec;
  }

  public void setAppliedSpec(AppliedSpec appliedSpec) {
    this.appliedSpec = appliedSpec;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManagedServiceInstanceStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && state == s.state
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(lastOperation, s.lastOperation)
        && Objects.equals(dashboardUrl, s.dashboardUrl)
        && Objects.equals(endpoint, s.endpoint)
        && Objects.equals(outputs, s.outputs)
        && Objects.equals(billableSince, s.billableSince)
        && Objects.equals(message, s.message)
        && Objects.equals(appliedSpec, s.appliedSpec)
        && Objects.equals(usage, s.usage)
        && Objects.equals(deliveryNote, s.deliveryNote);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration,
        state,
        conditions,
        lastOperation,
        dashboardUrl,
        endpoint,
        outputs,
        billableSince,
        message,
        appliedSpec,
        usage,
        deliveryNote);
  }
}
