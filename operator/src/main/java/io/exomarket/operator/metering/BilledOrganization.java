package io.exomarket.operator.metering;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The organization a report bills. Exoscale's metering API bills organization UUIDs; OSB allows any
 * non-empty id (CloudFoundry-style), which has no account there.
 */
final class BilledOrganization {
  private static final Pattern UUID_FORM =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private BilledOrganization() {}

  /** The organization UUID to bill; empty for an id that is not one. */
  static Optional<UUID> of(ManagedServiceInstance instance) {
    String id = instance.getSpec().getOrganization();
    if (id == null || !UUID_FORM.matcher(id).matches()) return Optional.empty();
    return Optional.of(UUID.fromString(id));
  }

  /** Why an instance's organization cannot be billed, for a status message (bounded length). */
  static String whyNot(ManagedServiceInstance instance) {
    String id = instance.getSpec().getOrganization();
    String shown = id == null || id.length() <= 64 ? id : id.substring(0, 64) + "...";
    return "organization '"
        + shown
        + "' is not a UUID: Exoscale's metering API bills organization UUIDs only";
  }
}
