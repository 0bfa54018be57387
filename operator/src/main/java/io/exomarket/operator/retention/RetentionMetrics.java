package io.exomarket.operator.retention;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What retention costs, per organization (the vendor pays for the disks), and what the purge loop
 * deleted. The gauges are recomputed on each pass, so an organization whose volumes are gone drops
 * out.
 */
public final class RetentionMetrics {
  private final Counter purged;
  private final Gauge volumes;
  private final Gauge bytes;

  public RetentionMetrics(CollectorRegistry registry) {
    purged =
        Counter.build(
                "exomarket_retention_purged_total",
                "Retained volumes and objects deleted once their retention period ended.")
            .labelNames("kind")
            .register(registry);
    purged.labels("PersistentVolumeClaim");
    volumes =
        Gauge.build(
                "exomarket_retained_volumes",
                "Volumes of deprovisioned instances kept for their retention period.")
            .labelNames("organization")
            .register(registry);
    bytes =
        Gauge.build(
                "exomarket_retained_storage_bytes", "Requested storage of the retained volumes.")
            .labelNames("organization")
            .register(registry);
  }

  void purged(String kind) {
    purged.labels(kind).inc();
  }

  /** Replaces the per-organization gauges with the volumes still retained. */
  void retainedVolumes(List<GenericKubernetesResource> claims) {
    Map<String, Integer> count = new HashMap<>();
    Map<String, BigDecimal> size = new HashMap<>();
    for (GenericKubernetesResource claim : claims) {
      Map<String, String> annotations = claim.getMetadata().getAnnotations();
      String org =
          annotations == null
              ? "unknown"
              : annotations.getOrDefault(ApiGroup.ORGANIZATION_ID_ANNOTATION, "unknown");
      count.merge(org, 1, Integer::sum);
      Object storage = claim.get("spec", "resources", "requests", "storage");
      if (storage != null) {
        size.merge(
            org, Quantity.getAmountInBytes(new Quantity(storage.toString())), BigDecimal::add);
      }
    }
    volumes.clear();
    bytes.clear();
    count.forEach((org, n) -> volumes.labels(org).set(n));
    size.forEach((org, b) -> bytes.labels(org).set(b.doubleValue()));
  }
}
