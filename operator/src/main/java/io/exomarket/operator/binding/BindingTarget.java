package io.exomarket.operator.binding;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.catalog.OfferingCatalog;

/**
 * What a binding binds: its instance, the instance's offering and plan; or why it cannot be bound
 * yet ({@link #waiting}: the instance is not provisioned yet or is going away) or at all ({@link
 * #stalled}: no such instance, the offering is not bindable; both recover when that changes).
 */
record BindingTarget(
    ManagedServiceInstance instance,
    ServiceOffering offering,
    PlanSpec plan,
    Reason waiting,
    Reason stalled,
    String message) {

  static BindingTarget resolve(
      ManagedServiceBinding binding, ManagedServiceInstance instance, OfferingCatalog catalog) {
    String name = binding.getSpec().getInstanceName();
    if (instance == null) {
      return stalled(Reason.INSTANCE_NOT_FOUND, "instance " + name + " does not exist");
    }
    if (instance.getMetadata().getDeletionTimestamp() != null) {
      return waiting(Reason.INSTANCE_NOT_READY, "instance " + name + " is being deleted");
    }
    ServiceOffering offering = catalog.byServiceId(instance.getSpec().getServiceId()).orElse(null);
    if (offering == null || !offering.getSpec().isBindable()) {
      return stalled(
          Reason.NOT_BINDABLE,
          "service " + instance.getSpec().getServiceId() + " is not offered as bindable");
    }
    PlanSpec plan = offering.getSpec().plan(instance.getSpec().getPlanId()).orElse(null);
    // First Ready is recorded as billableSince: from then on the instance serves (or is suspended
    // with its data), so a credential can be made for it.
    boolean provisioned =
        instance.getStatus() != null && instance.getStatus().getBillableSince() != null;
    if (plan == null || !provisioned) {
      return waiting(
          Reason.INSTANCE_NOT_READY, "waiting for instance " + name + " to be provisioned");
    }
    return new BindingTarget(instance, offering, plan, null, null, null);
  }

  private static BindingTarget waiting(Reason reason, String message) {
    return new BindingTarget(null, null, null, reason, null, message);
  }

  private static BindingTarget stalled(Reason reason, String message) {
    return new BindingTarget(null, null, null, null, reason, message);
  }
}
