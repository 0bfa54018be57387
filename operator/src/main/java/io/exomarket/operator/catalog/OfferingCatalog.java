package io.exomarket.operator.catalog;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.Optional;

/** Looks offerings up by their OSB service id in the informer cache (offerings are few). */
public final class OfferingCatalog {
  private final InformerEventSource<ServiceOffering, ManagedServiceInstance> offerings;

  public OfferingCatalog(InformerEventSource<ServiceOffering, ManagedServiceInstance> offerings) {
    this.offerings = offerings;
  }

  /** The offering with this service id; the oldest wins if two claim the same id. */
  public Optional<ServiceOffering> byServiceId(String serviceId) {
    return offerings
        .list(o -> o.getSpec() != null && serviceId.equals(o.getSpec().getId()))
        .min(Comparator.comparing(o -> o.getMetadata().getCreationTimestamp()));
  }
}
