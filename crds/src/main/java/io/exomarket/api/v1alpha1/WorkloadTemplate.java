package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.LinkedHashMap;
import java.util.Map;

/** The workload every instance of an offering runs; plans size it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadTemplate {
  @Required
  @JsonPropertyDescription("The container image.")
  private String image;

  @JsonPropertyDescription("The port the service listens on.")
  private int port = 8080;

  @JsonPropertyDescription("Extra environment variables for the container.")
  private Map<String, String> env = new LinkedHashMap<>();

  @JsonPropertyDescription("The storage class of the data volume; empty for the cluster default.")
  private String storageClass;

  @JsonPropertyDescription("Where the data volume is mounted.")
  private String dataPath = "/data";

  @JsonPropertyDescription(
      "The dashboard URL; {instanceId}, {name}, {namespace} and {organization} are replaced.")
  private String dashboardUrlTemplate;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
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
