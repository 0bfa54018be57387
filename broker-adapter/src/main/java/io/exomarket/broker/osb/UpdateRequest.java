package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.ServiceUser;
import java.util.List;

/**
 * A parsed {@code PATCH /v2/service_instances/:id} body. Absent fields change nothing: a null
 * {@code planId} keeps the plan, null {@code users} keeps the users, null {@code parameters} keeps
 * the parameters. {@code context} and {@code previous_values} are read for validity only.
 */
public record UpdateRequest(
    String serviceId,
    String planId,
    ObjectNode parameters,
    List<ServiceUser> users,
    String maintenanceVersion) {

  public static UpdateRequest parse(JsonNode body, OriginatingIdentity identity) {
    String serviceId = Fields.requiredString(body, "service_id", "service_id");
    String planId = Fields.optionalString(body, "plan_id", "plan_id");
    if (planId != null && planId.isBlank()) throw OsbError.badRequest("plan_id must not be empty");
    Contexts.parse(Fields.optionalObject(body, "context", "context"), identity);
    Fields.optionalObject(body, "previous_values", "previous_values");
    ObjectNode parameters = Fields.optionalObject(body, "parameters", "parameters");
    List<ServiceUser> users = null;
    ObjectNode serviceParameters = null;
    if (parameters != null) {
      serviceParameters = parameters.deepCopy();
      JsonNode rawUsers = serviceParameters.remove(Users.PARAMETER);
      if (rawUsers != null) users = rawUsers.isNull() ? List.of() : Users.parse(rawUsers);
      if (serviceParameters.isEmpty()) serviceParameters = null;
    }
    return new UpdateRequest(
        serviceId, planId, serviceParameters, users, RequestedMaintenance.version(body));
  }
}
