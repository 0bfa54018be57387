package io.exomarket.api.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard URL from the offering's template. One implementation for the broker (whose first
 * 201 must carry it) and the operator (which records it in status), so the two never disagree.
 */
public final class DashboardUrls {
  private DashboardUrls() {}

  /** Null when the offering has no template. The instance id is URL-encoded: OSB ids are free. */
  public static String render(
      String template, String instanceId, String name, String namespace, String organization) {
    if (template == null || template.isBlank()) return null;
    return template
        .replace(
            "{instanceId}",
            URLEncoder.encode(instanceId, StandardCharsets.UTF_8).replace("+", "%20"))
        .replace("{name}", name)
        .replace("{namespace}", namespace)
        .replace("{organization}", organization);
  }
}
