package io.exomarket.operator.metering.client;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The usage of one organization for one product since its last successful report.
 *
 * <p>{@code attemptId} only correlates log lines: Exoscale has no idempotency key, so nothing of it
 * goes on the wire. A variable may appear once: how Exoscale treats duplicates is undocumented, so
 * the caller sums them.
 */
public record UsageReport(
    UUID organization, String product, List<UsageRecord> usage, String attemptId) {

  public UsageReport {
    Objects.requireNonNull(organization, "organization");
    if (product == null || product.isBlank()) {
      throw new IllegalArgumentException("product must not be blank");
    }
    usage = List.copyOf(Objects.requireNonNull(usage, "usage"));
    if (usage.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one usage record");
    }
    Set<String> seen = new HashSet<>();
    for (UsageRecord r : usage) {
      if (!seen.add(r.variable())) {
        throw new IllegalArgumentException("variable " + r.variable() + " appears twice");
      }
    }
    if (attemptId == null || attemptId.isBlank()) {
      throw new IllegalArgumentException("attemptId must not be blank");
    }
  }

  /** A report with a random attempt id. */
  public static UsageReport of(UUID organization, String product, List<UsageRecord> usage) {
    return new UsageReport(organization, product, usage, UUID.randomUUID().toString());
  }
}
