package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One templated Kubernetes object of an offering's workload graph. Strings in the template may hold
 * CEL expressions in {@code ${...}}; references to other resources' ids order the graph.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GraphResource {
  @Required
  @Size(max = 63)
  @Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$")
  @ValidationRule(
      value = "self != 'instance' && self != 'plan' && self != 'offering'",
      message = "instance, plan and offering are reserved names")
  @JsonPropertyDescription(
      "The resource's name in expressions (a CEL identifier, unique in the graph; not instance,"
          + " plan or offering). Other templates read the live object as ${<id>.status...}, which"
          + " also makes this resource a dependency of theirs.")
  private String id;

  @Required
  @PreserveUnknownFields
  @SchemaFrom(type = GraphResource.AnyObject.class)
  @JsonPropertyDescription(
      "The whole Kubernetes object (apiVersion, kind, metadata, spec...). Any string value may hold"
          + " ${expr} (CEL over instance, plan, offering and other resources' ids); a value that is"
          + " exactly one ${expr} takes the expression's type. Map keys are not templated."
          + " metadata.name defaults to <instance>-<id>; metadata.namespace must not be set (objects"
          + " live in the instance's namespace); cluster-scoped kinds are refused.")
  private Map<String, Object> template = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "CEL booleans over instance, plan and offering only; the resource exists only when all are"
          + " true (otherwise it is deleted, and resources that reference it are excluded too).")
  private List<String> includeWhen = new ArrayList<>();

  @JsonPropertyDescription(
      "CEL booleans over the live object (named by this resource's id), instance, plan and"
          + " offering; the resource is ready when all are true. Empty: a default by kind"
          + " (Deployment, StatefulSet, DaemonSet, Job, PersistentVolumeClaim, LoadBalancer Service,"
          + " else a Ready condition when the object has conditions, else existence).")
  private List<String> readyWhen = new ArrayList<>();

  @JsonPropertyDescription(
      "CEL booleans over the live object (named by this resource's id), instance, plan and"
          + " offering, telling that the resource has reached its suspended state (e.g. no pod left)"
          + " while the instance is suspended. Empty: suspended at once.")
  private List<String> suspendedWhen = new ArrayList<>();

  @JsonPropertyDescription(
      "Delete (default): deleted with the instance. Orphan: left in place, untracked. Retain: kept"
          + " after deprovision, labelled, purged after the offering's retention period.")
  private ResourceDeletionPolicy deletionPolicy = ResourceDeletionPolicy.DELETE;

  @JsonPropertyDescription(
      "Apply (default): updated when a field the template sets differs. CreateOnly: created once"
          + " and never updated (generated credentials).")
  private ResourceUpdatePolicy updatePolicy = ResourceUpdatePolicy.APPLY;

  /** Schema of the template: an object of any shape (the generator would type Object values). */
  static final class AnyObject {}

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public Map<String, Object> getTemplate() {
    return template;
  }

  public void setTemplate(Map<String, Object> template) {
    this.template = template;
  }

  public List<String> getIncludeWhen() {
    return includeWhen;
  }

  public void setIncludeWhen(List<String> includeWhen) {
    this.includeWhen = includeWhen == null ? new ArrayList<>() : includeWhen;
  }

  public List<String> getReadyWhen() {
    return readyWhen;
  }

  public void setReadyWhen(List<String> readyWhen) {
    this.readyWhen = readyWhen == null ? new ArrayList<>() : readyWhen;
  }

  public List<String> getSuspendedWhen() {
    return suspendedWhen;
  }

  public void setSuspendedWhen(List<String> suspendedWhen) {
    this.suspendedWhen = suspendedWhen == null ? new ArrayList<>() : suspendedWhen;
  }

  public ResourceDeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(ResourceDeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy == null ? ResourceDeletionPolicy.DELETE : deletionPolicy;
  }

  public ResourceUpdatePolicy getUpdatePolicy() {
    return updatePolicy;
  }

  public void setUpdatePolicy(ResourceUpdatePolicy updatePolicy) {
    this.updatePolicy = updatePolicy == null ? ResourceUpdatePolicy.APPLY : updatePolicy;
  }
}
