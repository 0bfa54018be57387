package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.InstanceContext;

/** The OSB {@code context}: only the fields Exoscale documents are kept; others are ignored. */
final class Contexts {
  private Contexts() {}

  static InstanceContext parse(ObjectNode context, OriginatingIdentity identity) {
    if (context == null) return null;
    String platform = Fields.optionalString(context, "platform", "context.platform");
    if (platform != null && identity != null && !platform.equalsIgnoreCase(identity.platform())) {
      throw OsbError.badRequest(
          "context.platform '"
              + platform
              + "' does not match the originating identity's platform '"
              + identity.platform()
              + "'");
    }
    String name = Fields.optionalString(context, "organization_name", "context.organization_name");
    String displayName =
        Fields.optionalString(
            context, "organization_display_name", "context.organization_display_name");
    if (platform == null && name == null && displayName == null) return null;
    return new InstanceContext(platform, name, displayName);
  }
}
