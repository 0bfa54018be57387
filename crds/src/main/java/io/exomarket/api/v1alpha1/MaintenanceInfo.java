package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** OSB maintenance_info: the semantic version of what a plan runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaintenanceInfo {
  @JsonPropertyDescription("A semantic version.")
  private String version;

  @JsonPropertyDescription("What the version brings.")
  private String description;

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }
}
