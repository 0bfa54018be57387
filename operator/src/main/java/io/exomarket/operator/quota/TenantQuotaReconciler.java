package io.exomarket.operator.quota;

import io.exomarket.api.tenant.TenantGrant;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanResources;
import io.exomarket.api.v1alpha1.PodSecurityLevel;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.cache.SerializedItemStore;
import io.exomarket.operator.cache.TrimmedItemStore;
import io.exomarket.operator.catalog.OfferingCatalog;
import io.exomarket.operator.tenant.TenantAccess;
import io.exomarket.operator.tenant.TenantNetworkPolicies;
import io.exomarket.operator.tenant.TenantPodSecurity;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One ResourceQuota per tenant namespace, sized from the plans of every live instance in it (an
 * organization may buy several products). The quota belongs to the namespace, not to an instance,
 * so this controller reconciles namespaces, driven by the instances in them, their offerings and
 * the quota itself; the instance reconcile never waits for it. In namespaces labelled as tenant
 * namespaces it also keeps the operator's grant ({@link TenantAccess}), the Pod Security labels
 * ({@link TenantPodSecurity}) and the default-deny NetworkPolicies ({@link TenantNetworkPolicies})
 * in place: same trigger, same inputs.
 */
// Not generation-aware: the Pod Security labels live in metadata, and a label change must wake it.
@ControllerConfiguration(name = TenantQuotaReconciler.NAME, generationAwareEventProcessing = false)
public class TenantQuotaReconciler implements Reconciler<Namespace> {
  public static final String NAME = "tenantquota";
  public static final String QUOTA_NAME = "exomarket-tenant-quota";
  private static final String BY_SERVICE_ID = "byServiceId";

  private final OfferingCatalog catalog = new OfferingCatalog();
  private final Set<String> namespaces;
  private final TenantGrant grant;

  /**
   * @param namespaces the namespaces to manage quotas in; empty = all
   * @param grant the operator's grant, kept in every tenant namespace
   */
  public TenantQuotaReconciler(Set<String> namespaces, TenantGrant grant) {
    this.namespaces = Set.copyOf(namespaces);
    this.grant = grant;
  }

  @Override
  public List<EventSource<?, Namespace>> prepareEventSources(
      EventSourceContext<Namespace> context) {
    // Only spec and metadata are read here: the cached copies carry no status.
    InformerEventSource<ManagedServiceInstance, Namespace> instances =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ManagedServiceInstance.class, Namespace.class)
                .withName("instances")
                .withNamespaces(watched())
                .withSecondaryToPrimaryMapper(
                    i -> Set.of(new ResourceID(i.getMetadata().getNamespace())))
                .withOnUpdateFilter(
                    (next, old) ->
                        !Objects.equals(
                                next.getMetadata().getGeneration(),
                                old.getMetadata().getGeneration())
                            || !Objects.equals(
                                next.getMetadata().getDeletionTimestamp(),
                                old.getMetadata().getDeletionTimestamp()))
                .withItemStore(
                    new SerializedItemStore<>(
                        ManagedServiceInstance.class,
                        i -> {
                          i.setStatus(null);
                          return i;
                        }))
                .withInformerListLimit(SerializedItemStore.LIST_PAGE)
                .build(),
            context);
    instances.addIndexers(Map.of(BY_SERVICE_ID, i -> List.of(i.getSpec().getServiceId())));
    InformerEventSource<ServiceOffering, Namespace> offerings =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ServiceOffering.class, Namespace.class)
                .withName("offerings")
                .withSecondaryToPrimaryMapper(
                    o ->
                        instances.byIndex(BY_SERVICE_ID, o.getSpec().getId()).stream()
                            .map(i -> new ResourceID(i.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                .build(),
            context);
    InformerEventSource<ResourceQuota, Namespace> quotas =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ResourceQuota.class, Namespace.class)
                .withName("quotas")
                .withNamespaces(watched())
                .withLabelSelector(ApiGroup.MANAGED_BY_LABEL + "=" + ApiGroup.MANAGED_BY_VALUE)
                .withSecondaryToPrimaryMapper(
                    q -> Set.of(new ResourceID(q.getMetadata().getNamespace())))
                .withPrimaryToSecondaryMapper(
                    (Namespace ns) ->
                        Set.of(new ResourceID(QUOTA_NAME, ns.getMetadata().getName())))
                .withItemStore(TrimmedItemStore.withoutManagedFields())
                .build(),
            context);
    InformerEventSource<NetworkPolicy, Namespace> policies =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(NetworkPolicy.class, Namespace.class)
                .withName("tenantpolicies")
                .withNamespaces(watched())
                .withLabelSelector(TenantNetworkPolicies.SELECTOR)
                .withSecondaryToPrimaryMapper(
                    p -> Set.of(new ResourceID(p.getMetadata().getNamespace())))
                .withPrimaryToSecondaryMapper(
                    (Namespace ns) ->
                        TenantNetworkPolicies.NAMES.stream()
                            .map(n -> new ResourceID(n, ns.getMetadata().getName()))
                            .collect(Collectors.toSet()))
                .withItemStore(
                    // Compared by their spec-hash annotation only: the rules need not be cached.
                    new TrimmedItemStore<NetworkPolicy>(
                        p -> {
                          p.setSpec(null);
                          return p;
                        }))
                .build(),
            context);
    InformerEventSource<RoleBinding, Namespace> grants =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(RoleBinding.class, Namespace.class)
                .withName("tenantgrants")
                .withNamespaces(watched())
                .withLabelSelector(grant.selector())
                .withSecondaryToPrimaryMapper(
                    b -> Set.of(new ResourceID(b.getMetadata().getNamespace())))
                .withPrimaryToSecondaryMapper(
                    (Namespace ns) ->
                        Set.of(new ResourceID(grant.clusterRole(), ns.getMetadata().getName())))
                .withItemStore(TrimmedItemStore.withoutManagedFields())
                .build(),
            context);
    catalog.attach(offerings);
    return List.of(instances, offerings, quotas, policies, grants);
  }

  private Set<String> watched() {
    return namespaces.isEmpty() ? Constants.DEFAULT_NAMESPACES_SET : namespaces;
  }

  @Override
  public UpdateControl<Namespace> reconcile(Namespace namespace, Context<Namespace> context) {
    List<ManagedServiceInstance> live =
        context
            .getSecondaryResourcesAsStream(ManagedServiceInstance.class)
            .filter(i -> !i.isMarkedForDeletion())
            .toList();
    if (isTenant(namespace)) {
      TenantAccess.ensure(
          context.getClient(),
          grant,
          namespace.getMetadata().getName(),
          context.getSecondaryResources(RoleBinding.class));
      TenantPodSecurity.repair(
          context.getClient(), namespace, live.stream().map(this::podSecurityOf).toList());
      TenantNetworkPolicies.ensure(
          context.getClient(),
          namespace.getMetadata().getName(),
          context.getSecondaryResources(NetworkPolicy.class));
    }
    Map<String, Quantity> hard = TenantQuotaLimits.of(live, this::planOf);
    ResourceQuota current = context.getSecondaryResource(ResourceQuota.class).orElse(null);
    var client =
        context.getClient().resourceQuotas().inNamespace(namespace.getMetadata().getName());
    if (hard.isEmpty()) {
      if (current != null) {
        client.withName(QUOTA_NAME).delete();
      }
    } else if (current == null
        || !TenantQuotaLimits.sameAmounts(current.getSpec().getHard(), hard)) {
      client.resource(desired(namespace, hard)).createOr(NonDeletingOperation::update);
    }
    return UpdateControl.noUpdate();
  }

  private static boolean isTenant(Namespace namespace) {
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(ApiGroup.TENANT_LABEL));
  }

  /** An instance whose offering is unknown yet counts as restricted: the safe side. */
  private PodSecurityLevel podSecurityOf(ManagedServiceInstance instance) {
    return catalog
        .byServiceId(instance.getSpec().getServiceId())
        .map(o -> o.getSpec().getPodSecurity())
        .orElse(PodSecurityLevel.RESTRICTED);
  }

  private PlanResources planOf(ManagedServiceInstance instance) {
    return catalog
        .byServiceId(instance.getSpec().getServiceId())
        .flatMap(o -> o.getSpec().plan(instance.getSpec().getPlanId()))
        .map(p -> p.getResources())
        .orElse(null);
  }

  private static ResourceQuota desired(Namespace namespace, Map<String, Quantity> hard) {
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withName(QUOTA_NAME)
        .withNamespace(namespace.getMetadata().getName())
        .withLabels(Map.of(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE))
        .endMetadata()
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .build();
  }
}
