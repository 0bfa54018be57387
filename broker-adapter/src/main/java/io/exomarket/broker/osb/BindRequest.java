package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code PUT .../service_bindings/:binding_id} body. {@code app_guid} is read at the top
 * level (deprecated) and in {@code bind_resource}; when both are sent they must agree.
 */
public record BindRequest(
    String serviceId,
    String planId,
    String appGuid,
    ObjectNode bindResource,
    ObjectNode parameters,
    ObjectNode context) {

  public static BindRequest parse(JsonNode body, OriginatingIdentity identity) {
    String serviceId = Fields.requiredString(body, "service_id", "service_id");
    String planId = Fields.requiredString(body, "plan_id", "plan_id");
    ObjectNode bindResource = Fields.optionalObject(body, "bind_resource", "bind_resource");
    String appGuid = nonEmpty(Fields.optionalString(body, "app_guid", "app_guid"), "app_guid");
    String resourceApp =
        nonEmpty(
            Fields.optionalString(bindResource, "app_guid", "bind_resource.app_guid"),
            "bind_resource.app_guid");
    if (appGuid != null && resourceApp != null && !appGuid.equals(resourceApp)) {
      throw OsbError.badRequest("app_guid and bind_resource.app_guid disagree");
    }
    ObjectNode context = Fields.optionalObject(body, "context", "context");
    Contexts.parse(context, identity);
    return new BindRequest(
        serviceId,
        planId,
        appGuid != null ? appGuid : resourceApp,
        bindResource,
        Fields.optionalObject(body, "parameters", "parameters"),
        context);
  }

  private static String nonEmpty(String value, String path) {
    if (value != null && value.isBlank()) {
      throw OsbError.badRequest(path + " must be a non-empty string when present");
    }
    return value;
  }
}
