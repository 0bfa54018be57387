package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import java.util.Map;

/** The labels that tie workload objects to the operator and to their instance. */
public final class WorkloadNames {
  /** Label selector that limits the workload informers to objects this operator made. */
  public static final String MANAGED_SELECTOR =
      ApiGroup.MANAGED_BY_LABEL + "=" + ApiGroup.MANAGED_BY_VALUE;

  private WorkloadNames() {}

  /** Every object of the instance's workload carries this label (data volumes included). */
  public static Map<String, String> selector(ManagedServiceInstance instance) {
    return Map.of(ApiGroup.INSTANCE_LABEL, instance.getMetadata().getName());
  }
}
