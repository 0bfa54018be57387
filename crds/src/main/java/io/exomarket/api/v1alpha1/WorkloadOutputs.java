package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values the graph publishes about an instance, as ${...} string templates over instance, plan,
 * offering and the resources' ids. Two are known to the system; {@code extra} holds the vendor's
 * own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadOutputs {
  public static final String DASHBOARD_URL = "dashboardUrl";
  public static final String ENDPOINT = "endpoint";

  @JsonPropertyDescription(
      "The OSB dashboard URL. If it references only instance, plan and offering, the broker"
          + " returns it in the provision response, before any resource exists.")
  private String dashboardUrl;

  @JsonPropertyDescription(
      "Where clients connect (host:port or URL), shown in the instance's status.")
  private String endpoint;

  @JsonPropertyDescription(
      "More named outputs (names other than dashboardUrl and endpoint), shown in the instance's"
          + " status.")
  private Map<String, String> extra = new LinkedHashMap<>();

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

  public Map<String, String> getExtra() {
    return extra;
  }

  public void setExtra(Map<String, String> extra) {
    this.extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  /** Every output by name, dashboardUrl and endpoint first; unset ones left out. */
  @JsonIgnore
  public Map<String, String> byName() {
    Map<String, String> all = new LinkedHashMap<>();
    if (dashboardUrl != null) all.put(DASHBOARD_URL, dashboardUrl);
    if (endpoint != null) all.put(ENDPOINT, endpoint);
    extra.forEach(all::putIfAbsent);
    return all;
  }
}
