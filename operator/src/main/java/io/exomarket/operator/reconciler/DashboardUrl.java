package io.exomarket.operator.reconciler;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;

/** Fills the offering's dashboard URL template for an instance. */
public final class DashboardUrl {
  private DashboardUrl() {}

  public static String of(ManagedServiceInstance instance, ServiceOffering offering) {
    String template = offering.getSpec().getWorkload().getDashboardUrlTemplate();
    if (template == null || template.isBlank()) {
      return null;
    }
    return template
        .replace("{instanceId}", instance.getSpec().getInstanceId())
        .replace("{name}", instance.getMetadata().getName())
        .replace("{namespace}", instance.getMetadata().getNamespace())
        .replace("{organization}", instance.getSpec().getOrganization());
  }
}
