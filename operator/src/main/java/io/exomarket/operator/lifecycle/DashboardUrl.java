package io.exomarket.operator.lifecycle;

import io.exomarket.api.template.DashboardUrls;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;

/** Fills the offering's dashboard URL template for an instance (the broker renders the same). */
public final class DashboardUrl {
  private DashboardUrl() {}

  public static String of(ManagedServiceInstance instance, ServiceOffering offering) {
    return DashboardUrls.render(
        offering.getSpec().getWorkload().getDashboardUrlTemplate(),
        instance.getSpec().getInstanceId(),
        instance.getMetadata().getName(),
        instance.getMetadata().getNamespace(),
        instance.getSpec().getOrganization());
  }
}
