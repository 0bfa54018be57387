package io.exomarket.operator.dependent;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanResources;
import io.exomarket.operator.catalog.OfferingCatalog;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ResourceQuota per tenant namespace, sized from the plans of every live instance in it (an
 * organization may buy several products). It is shared by instances, so it is managed here rather
 * than as a dependent of one of them; writes for one namespace are serialised.
 */
public final class TenantQuota {
  public static final String NAME = "exomarket-tenant-quota";

  private final KubernetesClient client;
  private final OfferingCatalog catalog;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public TenantQuota(KubernetesClient client, OfferingCatalog catalog) {
    this.client = client;
    this.catalog = catalog;
  }

  /**
   * Makes the quota of {@code namespace} fit {@code instances} (the live ones; deleting ones left
   * out). No instance left: the quota goes.
   */
  public void reconcile(String namespace, Collection<ManagedServiceInstance> instances) {
    synchronized (locks.computeIfAbsent(namespace, n -> new Object())) {
      Map<String, Quantity> hard = hardLimits(instances);
      var quotas = client.resourceQuotas().inNamespace(namespace).withName(NAME);
      ResourceQuota current = quotas.get();
      if (hard.isEmpty()) {
        if (current != null) {
          quotas.delete();
        }
        return;
      }
      if (current != null && sameAmounts(current.getSpec().getHard(), hard)) {
        return;
      }
      ResourceQuota desired =
          new ResourceQuotaBuilder()
              .withNewMetadata()
              .withName(NAME)
              .withNamespace(namespace)
              .withLabels(Map.of(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE))
              .endMetadata()
              .withNewSpec()
              .withHard(hard)
              .endSpec()
              .build();
      client.resource(desired).createOr(NonDeletingOperation::update);
    }
  }

  Map<String, Quantity> hardLimits(Collection<ManagedServiceInstance> instances) {
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    BigDecimal storage = BigDecimal.ZERO;
    int pods = 0;
    for (ManagedServiceInstance instance : instances) {
      PlanResources size = planOf(instance);
      if (size == null) {
        continue;
      }
      BigDecimal replicas = BigDecimal.valueOf(size.getReplicas());
      cpu = cpu.add(size.getCpu().getNumericalAmount().multiply(replicas));
      memory = memory.add(size.getMemory().getNumericalAmount().multiply(replicas));
      storage = storage.add(size.getStorage().getNumericalAmount().multiply(replicas));
      pods += size.getReplicas();
    }
    if (pods == 0) {
      return Map.of();
    }
    Map<String, Quantity> hard = new LinkedHashMap<>();
    hard.put("requests.cpu", Quantity.fromNumericalAmount(cpu, null));
    hard.put("limits.cpu", Quantity.fromNumericalAmount(cpu, null));
    hard.put("requests.memory", Quantity.fromNumericalAmount(memory, null));
    hard.put("limits.memory", Quantity.fromNumericalAmount(memory, null));
    hard.put("requests.storage", Quantity.fromNumericalAmount(storage, null));
    hard.put("persistentvolumeclaims", new Quantity(Integer.toString(pods)));
    hard.put("pods", new Quantity(Integer.toString(pods)));
    return hard;
  }

  private PlanResources planOf(ManagedServiceInstance instance) {
    return catalog
        .byServiceId(instance.getSpec().getServiceId())
        .flatMap(o -> o.getSpec().plan(instance.getSpec().getPlanId()))
        .map(p -> p.getResources())
        .orElse(null);
  }

  private static boolean sameAmounts(Map<String, Quantity> current, Map<String, Quantity> wanted) {
    if (current == null || !current.keySet().equals(wanted.keySet())) {
      return false;
    }
    return wanted.entrySet().stream()
        .allMatch(
            e ->
                Objects.equals(
                    current.get(e.getKey()).getNumericalAmount().stripTrailingZeros(),
                    e.getValue().getNumericalAmount().stripTrailingZeros()));
  }
}
