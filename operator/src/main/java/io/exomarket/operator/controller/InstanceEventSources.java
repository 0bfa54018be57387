package io.exomarket.operator.controller;

import io.exomarket.api.tenant.TenantGrant;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.binding.InstanceBindings;
import io.exomarket.operator.cache.TrimmedItemStore;
import io.exomarket.operator.catalog.OfferingCatalog;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
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
 * follows binds and unbinds), the tenant grants (an instance waiting for its namespace's grant goes
 * on when it appears) and the instance count per state for the metrics.
 */
public final class InstanceEventSources {
  private static final String BY_SERVICE_ID = "byServiceId";

  private final OfferingCatalog catalog;
  private final TenantGrant grant;

  public InstanceEventSources(OfferingCatalog catalog, TenantGrant grant) {
    this.catalog = catalog;
    this.grant = grant;
  }

  List<EventSource<?, ManagedServiceInstance>> prepare(
      EventSourceContext<ManagedServiceInstance> context) {
    var instances = context.getPrimaryCache();
    instances.addIndexer(BY_SERVICE_ID, i -> List.of(i.getSpec().getServiceId()));
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
    // A tenant grant that appears (the tenant controller made it just after the namespace) wakes
    // the namespace's instances: one that could not write its Secrets yet goes on at once.
    var grants =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(RoleBinding.class, ManagedServiceInstance.class)
                .withName("tenantgrants")
                .withNamespacesInheritedFromController()
                .withLabelSelector(grant.selector())
                .withOnUpdateFilter((next, old) -> false)
                .withOnDeleteFilter((binding, unknownState) -> false)
                .withSecondaryToPrimaryMapper(
                    binding ->
                        instances
                            .list(binding.getMetadata().getNamespace())
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withItemStore(
                    // Only its arrival matters here (TenantQuotaReconciler checks the content).
                    new TrimmedItemStore<RoleBinding>(
                        b -> {
                          b.setSubjects(null);
                          b.setRoleRef(null);
                          return b;
                        }))
                .build(),
            context);
    catalog.attach(offerings);
    return List.of(offerings, InstanceBindings.eventSource(context), grants);
  }
}
