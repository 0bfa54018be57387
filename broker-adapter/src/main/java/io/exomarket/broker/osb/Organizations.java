package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The organization and space of a provision. Exoscale documents {@code organization_uuid} / {@code
 * space_uuid} but a live integration sends the CloudFoundry {@code *_guid}: both spellings are
 * read, at top level first, then in {@code context}. OSB only says "a non-empty string": any id up
 * to {@value #MAX_LENGTH} characters is accepted (control characters are refused, as in instance
 * ids); a UUID is lowercased so that Exoscale's ids name the same namespace as always.
 */
public final class Organizations {
  public static final int MAX_LENGTH = 255;
  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private Organizations() {}

  public static boolean isUuid(String id) {
    return UUID.matcher(id).matches();
  }

  /** The organization id, a UUID lowercased; 400 when missing, malformed or contradicting. */
  static String organization(JsonNode body, JsonNode context) {
    return checked(
        first(body, context, "organization_guid", "organization_uuid"),
        "organization_guid (or organization_uuid)");
  }

  static String space(JsonNode body, JsonNode context) {
    return checked(first(body, context, "space_guid", "space_uuid"), "space_guid (or space_uuid)");
  }

  private static String checked(String id, String what) {
    if (id == null || id.isBlank()) {
      throw OsbError.badRequest(what + " is required and must be a non-empty string");
    }
    if (id.length() > MAX_LENGTH) {
      throw OsbError.badRequest(what + " is longer than " + MAX_LENGTH + " characters");
    }
    if (id.chars().anyMatch(Character::isISOControl)) {
      throw OsbError.badRequest(what + " contains control characters");
    }
    return normalized(id);
  }

  private static String normalized(String id) {
    return isUuid(id) ? id.toLowerCase(Locale.ROOT) : id;
  }

  /**
   * All spellings that are present must be strings and agree; the first present one wins. A present
   * spelling of the wrong type is a 400 even when another one carries a valid value.
   */
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
      } else if (!normalized(found).equals(normalized(value))) {
        throw OsbError.badRequest(foundPath + " and " + c[1] + c[0] + " disagree");
      }
    }
    return found;
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
