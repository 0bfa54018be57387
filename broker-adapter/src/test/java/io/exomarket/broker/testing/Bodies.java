package io.exomarket.broker.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Request bodies shaped like Exoscale's. */
public final class Bodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Bodies() {}

  public static String newOrg() {
    return UUID.randomUUID().toString();
  }

  public static ObjectNode provision(String serviceId, String planId, String org) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("service_id", serviceId);
    body.put("plan_id", planId);
    body.put("organization_guid", org);
    body.put("space_guid", org);
    ObjectNode context = body.putObject("context");
    context.put("platform", "exoscale");
    context.put("organization_guid", org);
    context.put("space_guid", org);
    context.put("organization_name", "acme");
    context.put("organization_display_name", "ACME SA");
    users(body.putObject("parameters"), "owner@acme.ch");
    return body;
  }

  public static ObjectNode update(String serviceId, String planId) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("service_id", serviceId);
    if (planId != null) body.put("plan_id", planId);
    return body;
  }

  public static ObjectNode bind(String serviceId, String planId) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("service_id", serviceId);
    body.put("plan_id", planId);
    body.putObject("bind_resource").put("app_guid", "app-1");
    body.putObject("parameters").put("role", "reader");
    return body;
  }

  /** Sets parameters.users to the given e-mails, each an owner named after the address. */
  public static ObjectNode users(ObjectNode parameters, String... emails) {
    ArrayNode users = parameters.putArray("users");
    for (String email : emails) {
      ObjectNode u = users.addObject();
      u.put("email", email);
      u.put("full_name", "User " + email.substring(0, email.indexOf('@')));
      u.put("role", "owner");
    }
    return parameters;
  }
}
