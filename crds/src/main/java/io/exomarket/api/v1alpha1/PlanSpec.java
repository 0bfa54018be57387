package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** One OSB plan and what it means: workload size and billing dimensions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanSpec {
  @Required
  @JsonPropertyDescription("The OSB plan id. Never changes.")
  private String id;

  @Required
  @JsonPropertyDescription("The CLI-friendly plan name.")
  private String name;

  @Required
  @JsonPropertyDescription("The plan description.")
  private String description;

  @JsonPropertyDescription("Whether the plan is free.")
  private Boolean free;

  @JsonPropertyDescription("Overrides the offering's planUpdateable for this plan.")
  private Boolean planUpdateable;

  @PreserveUnknownFields
  @JsonPropertyDescription("OSB plan metadata, passed through to the catalog.")
  private JsonNode metadata;

  @JsonPropertyDescription("JSON schemas for the parameters of provision and update.")
  private ParameterSchemas schemas;

  @JsonPropertyDescription("OSB maintenance_info of the plan.")
  private MaintenanceInfo maintenanceInfo;

  @Required
  @JsonPropertyDescription("The workload size of the plan.")
  private PlanResources resources;

  @JsonPropertyDescription("The billing dimensions the plan reports to Exoscale.")
  private List<Meter> meters = new ArrayList<>();

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

  public Boolean getFree() {
    return free;
  }

  public void setFree(Boolean free) {
    this.free = free;
  }

  public Boolean getPlanUpdateable() {
    return planUpdateable;
  }

  public void setPlanUpdateable(Boolean planUpdateable) {
    this.planUpdateable = planUpdateable;
  }

  public JsonNode getMetadata() {
    return metadata;
  }

  public void setMetadata(JsonNode metadata) {
    this.metadata = metadata;
  }

  public ParameterSchemas getSchemas() {
    return schemas;
  }

  public void setSchemas(ParameterSchemas schemas) {
    this.schemas = schemas;
  }

  public MaintenanceInfo getMaintenanceInfo() {
    return maintenanceInfo;
  }

  public void setMaintenanceInfo(MaintenanceInfo maintenanceInfo) {
    this.maintenanceInfo = maintenanceInfo;
  }

  public PlanResources getResources() {
    return resources;
  }

  public void setResources(PlanResources resources) {
    this.resources = resources;
  }

  public List<Meter> getMeters() {
    return meters;
  }

  public void setMeters(List<Meter> meters) {
    this.meters = meters == null ? new ArrayList<>() : meters;
  }
}
