package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.v1alpha1.ServiceUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exoscale's {@code parameters.users[]}: the full user list (set semantics). Normalized (one entry
 * per e-mail, the last one winning, sorted by e-mail) so that the same set always yields the same
 * spec and a re-sent list changes nothing.
 */
public final class Users {
  public static final String PARAMETER = "users";
  private static final int MAX_USERS = 1000;

  private Users() {}

  public static List<ServiceUser> parse(JsonNode users) {
    if (!users.isArray()) throw OsbError.badRequest("parameters.users must be an array");
    if (users.size() > MAX_USERS) {
      throw OsbError.badRequest("parameters.users has more than " + MAX_USERS + " entries");
    }
    Map<String, ServiceUser> byEmail = new LinkedHashMap<>();
    for (int i = 0; i < users.size(); i++) {
      JsonNode user = users.get(i);
      String path = "parameters.users[" + i + "]";
      if (!user.isObject()) throw OsbError.badRequest(path + " must be a JSON object");
      String email = Fields.requiredString(user, "email", path + ".email").trim();
      if (!email.contains("@")) throw OsbError.badRequest(path + ".email is not an e-mail address");
      String fullName = Fields.nullableString(user, "full_name", path + ".full_name");
      String role = Fields.nullableString(user, "role", path + ".role");
      byEmail.put(email.toLowerCase(java.util.Locale.ROOT), new ServiceUser(email, fullName, role));
    }
    List<ServiceUser> result = new ArrayList<>(byEmail.values());
    result.sort(Comparator.comparing(u -> u.getEmail().toLowerCase(java.util.Locale.ROOT)));
    return result;
  }

  /** Back to the OSB shape, for GET /v2/service_instances/:id. */
  public static List<Map<String, String>> toOsb(List<ServiceUser> users) {
    List<Map<String, String>> result = new ArrayList<>();
    for (ServiceUser u : users) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("email", u.getEmail());
      if (u.getFullName() != null) m.put("full_name", u.getFullName());
      if (u.getRole() != null) m.put("role", u.getRole());
      result.add(m);
    }
    return result;
  }
}
