package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.InstanceContext;
import io.exomarket.api.v1alpha1.ServiceUser;
import java.util.List;

/**
 * A parsed {@code PUT /v2/service_instances/:id} body. {@code parameters.users} is Exoscale's
 * reserved key: it is validated here and mapped to {@code spec.users}; {@code parameters} keeps the
 * other keys (validated against the plan's schema), so the user list lives in one place.
 */
public record ProvisionRequest(
    String serviceId,
    String planId,
    String organization,
    String space,
    InstanceContext context,
    ObjectNode parameters,
    List<ServiceUser> users,
    String maintenanceVersion) {

  public static ProvisionRequest parse(JsonNode body, OriginatingIdentity identity) {
    String serviceId = Fields.requiredString(body, "service_id", "service_id");
    String planId = Fields.requiredString(body, "plan_id", "plan_id");
    ObjectNode context = Fields.optionalObject(body, "context", "context");
    String organization = Organizations.organization(body, context);
    String space = Organizations.space(body, context);
    InstanceContext instanceContext = Contexts.parse(context, identity);
    ObjectNode parameters = Fields.optionalObject(body, "parameters", "parameters");
    List<ServiceUser> users = List.of();
    ObjectNode serviceParameters = null;
    if (parameters != null) {
      serviceParameters = parameters.deepCopy();
      JsonNode rawUsers = serviceParameters.remove(Users.PARAMETER);
      if (rawUsers != null && !rawUsers.isNull()) users = Users.parse(rawUsers);
    }
    return new ProvisionRequest(
        serviceId,
        planId,
        organization,
        space,
        instanceContext,
        serviceParameters,
        users,
        RequestedMaintenance.version(body));
  }
}
