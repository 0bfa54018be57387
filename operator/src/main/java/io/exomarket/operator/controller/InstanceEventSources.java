package io.exomarket.operator.controller;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.binding.InstanceBindings;
import io.exomarket.operator.catalog.OfferingCatalog;
import io.exomarket.operator.metrics.InstanceMetrics;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the instance controller watches besides its dependents: the offerings (an offering that
 * appears or changes re-reconciles its instances, so a Stalled instance recovers by itself once its
 * plan exists), attached to the catalog, the instance's bindings (so that {@code instance.bindings}
 * follows binds and unbinds) and the instance count per state for the metrics.
 */
public final class InstanceEventSources {
  private static final String BY_SERVICE_ID = "byServiceId";

  private final OfferingCatalog catalog;
  private final InstanceMetrics metrics;

  public InstanceEventSources(OfferingCatalog catalog, InstanceMetrics metrics) {
    this.catalog = catalog;
    this.metrics = metrics;
  }

  List<EventSource<?, ManagedServiceInstance>> prepare(
      EventSourceContext<ManagedServiceInstance> context) {
    var instances = context.getPrimaryCache();
    instances.addIndexer(BY_SERVICE_ID, i -> List.of(i.getSpec().getServiceId()));
    metrics.countFrom(() -> instances.list());
    var offerings =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    ServiceOffering.class, ManagedServiceInstance.class)
                .withName("offerings")
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(
                    offering ->
                        instances.byIndex(BY_SERVICE_ID, offering.getSpec().getId()).stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    catalog.attach(offerings);
    return List.of(offerings, InstanceBindings.eventSource(context));
  }
}
