package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload every instance of an offering runs; plans size it. Two forms: the legacy single
 * container ({@code image}, {@code port}, {@code env}, {@code storageClass}, {@code dataPath},
 * {@code dashboardUrlTemplate}), which the operator turns into the default graph, or a graph of
 * templated resources ({@code resources}, {@code outputs}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.image) != (has(self.resources) && size(self.resources) > 0)",
    message = "exactly one of image or resources must be given")
public class WorkloadTemplate {
  @JsonPropertyDescription(
      "Legacy form: the container image. Exactly one of image or resources must be given.")
  private String image;

  @JsonPropertyDescription(
      "Graph form: the Kubernetes objects every instance gets, as templates with ${...} CEL"
          + " expressions over instance, plan, offering and each other (by id). Exactly one of"
          + " image or resources must be given.")
  private List<GraphResource> resources;

  @JsonPropertyDescription(
      "Graph form: values published about each instance (dashboard URL, endpoint...).")
  private WorkloadOutputs outputs;

  @JsonPropertyDescription("Legacy form: the port the service listens on.")
  private int port = 8080;

  @JsonPropertyDescription("Legacy form: extra environment variables for the container.")
  private Map<String, String> env = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "Legacy form: the storage class of the data volume; empty for the cluster default.")
  private String storageClass;

  @JsonPropertyDescription("Legacy form: where the data volume is mounted.")
  private String dataPath = "/data";

  @JsonPropertyDescription(
      "Legacy form: the dashboard URL; {instanceId}, {name}, {namespace} and {organization} are"
          + " replaced.")
  private String dashboardUrlTemplate;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public List<GraphResource> getResources() {
    return resources;
  }

  public void setResources(List<GraphResource> resources) {
    this.resources = resources;
  }

  public WorkloadOutputs getOutputs() {
    return outputs;
  }

  public void setOutputs(WorkloadOutputs outputs) {
    this.outputs = outputs;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public Map<String, String> getEnv() {
    return env;
  }

  public void setEnv(Map<String, String> env) {
    this.env = env == null ? new LinkedHashMap<>() : env;
  }

  public String getStorageClass() {
    return storageClass;
  }

  public void setStorageClass(String storageClass) {
    this.storageClass = storageClass;
  }

  public String getDataPath() {
    return dataPath;
  }

  public void setDataPath(String dataPath) {
    this.dataPath = dataPath;
  }

  public String getDashboardUrlTemplate() {
    return dashboardUrlTemplate;
  }

  public void setDashboardUrlTemplate(String dashboardUrlTemplate) {
    this.dashboardUrlTemplate = dashboardUrlTemplate;
  }
}
