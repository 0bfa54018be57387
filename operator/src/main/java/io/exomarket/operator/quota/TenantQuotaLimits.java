package io.exomarket.operator.quota;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanResources;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The hard limits a tenant namespace needs: the sum of its live instances' plans. Pure. */
final class TenantQuotaLimits {
  private TenantQuotaLimits() {}

  /** Empty when no live instance needs anything: the quota then goes. */
  static Map<String, Quantity> of(
      Collection<ManagedServiceInstance> instances,
      Function<ManagedServiceInstance, PlanResources> planOf) {
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    BigDecimal storage = BigDecimal.ZERO;
    int pods = 0;
    for (ManagedServiceInstance instance : instances) {
      PlanResources size = planOf.apply(instance);
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

  static boolean sameAmounts(Map<String, Quantity> current, Map<String, Quantity> wanted) {
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
