package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.MaintenanceInfo;

/** The {@code maintenance_info} of a request, reduced to its version; {@code {}} means absent. */
public final class RequestedMaintenance {
  private RequestedMaintenance() {}

  /** The requested version, or null when the field is absent, null or an empty object. */
  static String version(JsonNode body) {
    ObjectNode info = Fields.optionalObject(body, "maintenance_info", "maintenance_info");
    if (info == null || info.isEmpty()) return null;
    String version = Fields.optionalString(info, "version", "maintenance_info.version");
    if (version == null || version.isBlank()) {
      throw OsbError.badRequest(
          "maintenance_info.version is required when maintenance_info is sent");
    }
    return version;
  }

  /** 422 MaintenanceInfoConflict unless the requested version is the plan's. */
  public static void check(String requested, MaintenanceInfo plan, String planId) {
    if (requested == null) return;
    String current = plan == null ? null : plan.getVersion();
    if (current == null) {
      throw OsbError.maintenanceInfoConflict(
          "plan "
              + planId
              + " has no maintenance_info, but the request carries version "
              + requested);
    }
    if (!current.equals(requested)) {
      throw OsbError.maintenanceInfoConflict(
          "maintenance_info.version "
              + requested
              + " does not match plan "
              + planId
              + "'s "
              + current
              + "; refresh the catalog");
    }
  }
}
