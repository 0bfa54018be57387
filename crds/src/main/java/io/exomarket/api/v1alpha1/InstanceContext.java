package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The OSB {@code context} of the instance: the fields Exoscale documents. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InstanceContext {
  @JsonPropertyDescription("The platform that sent the request: exoscale (or cloudfoundry).")
  private String platform;

  @JsonPropertyDescription("The organization's short name.")
  private String organizationName;

  @JsonPropertyDescription("The organization's display name.")
  private String organizationDisplayName;

  public InstanceContext() {}

  public InstanceContext(String platform, String organizationName, String organizationDisplayName) {
    this.platform = platform;
    this.organizationName = organizationName;
    this.organizationDisplayName = organizationDisplayName;
  }

  public String getPlatform() {
    return platform;
  }

  public void setPlatform(String platform) {
    this.platform = platform;
  }

  public String getOrganizationName() {
    return organizationName;
  }

  public void setOrganizationName(String organizationName) {
    this.organizationName = organizationName;
  }

  public String getOrganizationDisplayName() {
    return organizationDisplayName;
  }

  public void setOrganizationDisplayName(String organizationDisplayName) {
    this.organizationDisplayName = organizationDisplayName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceContext c
        && Objects.equals(platform, c.platform)
        && Objects.equals(organizationName, c.organizationName)
        && Objects.equals(organizationDisplayName, c.organizationDisplayName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(platform, organizationName, organizationDisplayName);
  }
}
