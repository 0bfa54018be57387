package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceOfferingSpec {
  @Required
  @JsonPropertyDescription("The OSB service id. Never changes.")
  private String id;

  @Required
  @JsonPropertyDescription("The CLI-friendly OSB service name.")
  private String name;

  @Required
  @JsonPropertyDescription("The OSB service description.")
  private String description;

  @JsonPropertyDescription("OSB tags.")
  private List<String> tags = new ArrayList<>();

  @JsonPropertyDescription("Whether instances may change plan (a plan may override it).")
  private boolean planUpdateable = true;

  @JsonPropertyDescription("Whether GET /v2/service_instances/:id is served.")
  private boolean instancesRetrievable = true;

  @JsonPropertyDescription(
      "Whether instances can be bound (OSB bindable): each binding gets its own credential.")
  private boolean bindable;

  @JsonPropertyDescription("Whether GET .../service_bindings/:binding_id is served.")
  private boolean bindingsRetrievable;

  @JsonPropertyDescription("What a binding returns (credentials as CEL), when bindable.")
  private BindingTemplate binding;

  @PreserveUnknownFields
  @JsonPropertyDescription("OSB service metadata, passed through to the catalog.")
  private JsonNode metadata;

  @Required
  @JsonPropertyDescription(
      "The id of the technical plan Exoscale uses to suspend an instance. It is listed in the"
          + " catalog like any plan.")
  private String suspensionPlanId;

  @JsonPropertyDescription("The name of the suspension plan in the catalog.")
  private String suspensionPlanName = "suspended";

  @Required
  @JsonPropertyDescription("What each instance runs.")
  private WorkloadTemplate workload;

  @Required
  @Size(min = 1)
  @JsonPropertyDescription("The normal (non-suspension) plans.")
  private List<PlanSpec> plans = new ArrayList<>();

  @JsonPropertyDescription(
      "The Pod Security Standard the tenant namespaces of this offering's instances enforce:"
          + " restricted (default) or baseline, for images that cannot run restricted. A namespace"
          + " enforces the weakest level among its live instances; audit and warn stay restricted."
          + " privileged is never possible.")
  private PodSecurityLevel podSecurity = PodSecurityLevel.RESTRICTED;

  @JsonPropertyDescription(
      "Data retention after deprovision: the instance's volumes are kept, labelled, for retainFor"
          + " and then purged. Absent: deleted with the instance.")
  private RetentionSpec retention;

  @JsonIgnore
  public Optional<PlanSpec> plan(String planId) {
    return plans.stream().filter(p -> p.getId().equals(planId)).findFirst();
  }

  @JsonIgnore
  public boolean isSuspensionPlan(String planId) {
    return suspensionPlanId != null && suspensionPlanId.equals(planId);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags == null ? new ArrayList<>() : tags;
  }

  public boolean isPlanUpdateable() {
    return planUpdateable;
  }

  public void setPlanUpdateable(boolean planUpdateable) {
    this.planUpdateable = planUpdateable;
  }

  public boolean isInstancesRetrievable() {
    return instancesRetrievable;
  }

  public void setInstancesRetrievable(boolean instancesRetrievable) {
    this.instancesRetrievable = instancesRetrievable;
  }

  public boolean isBindable() {
    return bindable;
  }

  public void setBindable(boolean bindable) {
    this.bindable = bindable;
  }

  public boolean isBindingsRetrievable() {
    return bindingsRetrievable;
  }

  public void setBindingsRetrievable(boolean bindingsRetrievable) {
    this.bindingsRetrievable = bindingsRetrievable;
  }

  public BindingTemplate getBinding() {
    return binding;
  }

  public void setBinding(BindingTemplate binding) {
    this.binding = binding;
  }

  public JsonNode getMetadata() {
    return metadata;
  }

  public void setMetadata(JsonNode metadata) {
    this.metadata = metadata;
  }

  public String getSuspensionPlanId() {
    return suspensionPlanId;
  }

  public void setSuspensionPlanId(String suspensionPlanId) {
    this.suspensionPlanId = suspensionPlanId;
  }

  public String getSuspensionPlanName() {
    return suspensionPlanName;
  }

  public void setSuspensionPlanName(String suspensionPlanName) {
    this.suspensionPlanName = suspensionPlanName;
  }

  public WorkloadTemplate getWorkload() {
    return workload;
  }

  public void setWorkload(WorkloadTemplate workload) {
    this.workload = workload;
  }

  public PodSecurityLevel getPodSecurity() {
    return podSecurity;
  }

  public void setPodSecurity(PodSecurityLevel podSecurity) {
    this.podSecurity = podSecurity == null ? PodSecurityLevel.RESTRICTED : podSecurity;
  }

  public RetentionSpec getRetention() {
    return retention;
  }

  public void setRetention(RetentionSpec retention) {
    this.retention = retention;
  }

  /** How long a deprovisioned instance's data is kept; zero = deleted at once. */
  @JsonIgnore
  public Duration retainFor() {
    return retention == null ? Duration.ZERO : retention.retainForDuration();
  }

  public List<PlanSpec> getPlans() {
    return plans;
  }

  public void setPlans(List<PlanSpec> plans) {
    this.plans = plans == null ? new ArrayList<>() : plans;
  }
}
