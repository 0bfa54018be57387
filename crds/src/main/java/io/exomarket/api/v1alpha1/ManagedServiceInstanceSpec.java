package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedServiceInstanceSpec {

  @Required
  @ValidationRule(value = "self == oldSelf", message = "instanceId is immutable")
  @JsonPropertyDescription("The OSB service instance id Exoscale chose. Immutable.")
  private String instanceId;

  @Required
  @ValidationRule(value = "self == oldSelf", message = "serviceId is immutable")
  @JsonPropertyDescription(
      "The OSB service id: the name of a ServiceOffering's spec.id. Immutable.")
  private String serviceId;

  @Required
  @JsonPropertyDescription(
      "The OSB plan id. While suspended it keeps the plan to resume to; the suspension plan never"
          + " appears here.")
  private String planId;

  @Required
  @Size(min = 1, max = 255)
  @ValidationRule(value = "self == oldSelf", message = "organization is immutable")
  @JsonPropertyDescription(
      "The organization that bought the instance: Exoscale's organization UUID, or any id a"
          + " CloudFoundry-style platform sends (usage is reported for UUIDs only). Immutable.")
  private String organization;

  @JsonPropertyDescription(
      "True while Exoscale has suspended the customer: the workload is scaled to zero and its data"
          + " kept.")
  private boolean suspended;

  @JsonPropertyDescription("The full list of users synced from Exoscale (set semantics).")
  private List<ServiceUser> users = new ArrayList<>();

  @PreserveUnknownFields
  @JsonPropertyDescription(
      "Free-form service parameters, validated against the plan's JSON schema.")
  private JsonNode parameters;

  @JsonPropertyDescription("The OSB context object Exoscale sent (platform, organization names).")
  private InstanceContext context;

  @JsonPropertyDescription(
      "The maintenance_info.version the instance runs (the plan's when provisioned or upgraded);"
          + " templates read it, so an upgrade can roll out a new image.")
  private String maintenanceVersion;

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public String getServiceId() {
    return serviceId;
  }

  public void setServiceId(String serviceId) {
    this.serviceId = serviceId;
  }

  public String getPlanId() {
    return planId;
  }

  public void setPlanId(String planId) {
    this.planId = planId;
  }

  public String getOrganization() {
    return organization;
  }

  public void setOrganization(String organization) {
    this.organization = organization;
  }

  public boolean isSuspended() {
    return suspended;
  }

  public void setSuspended(boolean suspended) {
    this.suspended = suspended;
  }

  public List<ServiceUser> getUsers() {
    return users;
  }

  public void setUsers(List<ServiceUser> users) {
    this.users = users == null ? new ArrayList<>() : users;
  }

  public JsonNode getParameters() {
    return parameters;
  }

  public void setParameters(JsonNode parameters) {
    this.parameters = parameters;
  }

  public InstanceContext getContext() {
    return context;
  }

  public void setContext(InstanceContext context) {
    this.context = context;
  }

  public String getMaintenanceVersion() {
    return maintenanceVersion;
  }

  public void setMaintenanceVersion(String maintenanceVersion) {
    this.maintenanceVersion = maintenanceVersion;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ManagedServiceInstanceSpec that)) return false;
    return suspended == that.suspended
        && Objects.equals(instanceId, that.instanceId)
        && Objects.equals(serviceId, that.serviceId)
        && Objects.equals(planId, that.planId)
        && Objects.equals(organization, that.organization)
        && Objects.equals(users, that.users)
        && Objects.equals(parameters, that.parameters)
        && Objects.equals(context, that.context)
        && Objects.equals(maintenanceVersion, that.maintenanceVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        instanceId,
        serviceId,
        planId,
        organization,
        suspended,
        users,
        parameters,
        context,
        maintenanceVersion);
  }
}
