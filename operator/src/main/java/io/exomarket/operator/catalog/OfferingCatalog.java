package io.exomarket.operator.catalog;

import io.exomarket.api.v1alpha1.ServiceOffering;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.Optional;

/**
 * Looks offerings up by their OSB service id in an informer cache (offerings are few). The informer
 * is attached when the controller prepares its event sources; collaborators built before that hold
 * the catalog and read it only while reconciling.
 */
public final class OfferingCatalog {
  private volatile InformerEventSource<ServiceOffering, ?> offerings;

  public void attach(InformerEventSource<ServiceOffering, ?> source) {
    this.offerings = source;
  }

  /** The offering with this service id; the oldest wins if two claim the same id. */
  public Optional<ServiceOffering> byServiceId(String serviceId) {
    InformerEventSource<ServiceOffering, ?> source = offerings;
    if (source == null) {
      throw new IllegalStateException("the offering catalog is read before its informer exists");
    }
    return source
        .list(o -> o.getSpec() != null && serviceId.equals(o.getSpec().getId()))
        .min(Comparator.comparing(o -> o.getMetadata().getCreationTimestamp()));
  }
}
