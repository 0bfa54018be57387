package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The organization and space of a provision. Exoscale documents {@code organization_uuid} / {@code
 * space_uuid} but a live integration sends the CloudFoundry {@code *_guid}: both spellings are
 * read, at top level first, then in {@code context}.
 */
final class Organizations {
  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private Organizations() {}

  /** The organization UUID, lowercased; 400 when missing, not a UUID or contradicting itself. */
  static String organization(JsonNode body, JsonNode context) {
    String org = first(body, context, "organization_guid", "organization_uuid");
    if (org == null || org.isBlank()) {
      throw OsbError.badRequest("organization_guid (or organization_uuid) is required");
    }
    if (!UUID.matcher(org).matches()) {
      throw OsbError.badRequest("organization_guid must be a UUID, got '" + abbreviate(org) + "'");
    }
    return org.toLowerCase(Locale.ROOT);
  }

  static String space(JsonNode body, JsonNode context) {
    String space = first(body, context, "space_guid", "space_uuid");
    if (space == null || space.isBlank()) {
      throw OsbError.badRequest("space_guid (or space_uuid) is required");
    }
    return space;
  }

  /** All spellings that are present must agree; the first present one wins. */
  private static String first(JsonNode body, JsonNode context, String guid, String uuid) {
    String found = null;
    String foundPath = null;
    String[][] candidates = {{guid, ""}, {uuid, ""}, {guid, "context."}, {uuid, "context."}};
    for (String[] c : candidates) {
      JsonNode parent = c[1].isEmpty() ? body : context;
      String value = Fields.optionalString(parent, c[0], c[1] + c[0]);
      if (value == null) continue;
      if (found == null) {
        found = value;
        foundPath = c[1] + c[0];
      } else if (!found.equalsIgnoreCase(value)) {
        throw OsbError.badRequest(foundPath + " and " + c[1] + c[0] + " disagree");
      }
    }
    return found;
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
