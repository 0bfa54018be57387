package io.exomarket.operator.catalog;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.validation.ParameterValidator;
import java.util.List;
import java.util.Optional;

/**
 * Resolves an instance's offering and plan and checks its parameters. The outcome is either a plan
 * to run or the reason the instance cannot run, which the reconciler reports as Stalled.
 */
public final class PlanResolution {
  private final OfferingCatalog catalog;
  private final ParameterValidator validator;

  public PlanResolution(OfferingCatalog catalog, ParameterValidator validator) {
    this.catalog = catalog;
    this.validator = validator;
  }

  /** A plan, or a problem (reason + message); exactly one is set. */
  public record Outcome(ResolvedPlan plan, Reason problem, String message) {
    static Outcome ok(ResolvedPlan plan) {
      return new Outcome(plan, null, null);
    }

    static Outcome problem(Reason reason, String message) {
      return new Outcome(null, reason, message);
    }

    public boolean isOk() {
      return plan != null;
    }
  }

  public Outcome resolve(ManagedServiceInstance instance) {
    ManagedServiceInstanceSpec spec = instance.getSpec();
    Optional<ServiceOffering> offering = catalog.byServiceId(spec.getServiceId());
    if (offering.isEmpty()) {
      return Outcome.problem(
          Reason.OFFERING_NOT_FOUND, "no ServiceOffering has service id " + spec.getServiceId());
    }
    if (offering.get().getSpec().isSuspensionPlan(spec.getPlanId())) {
      return Outcome.problem(
          Reason.PLAN_NOT_FOUND,
          "planId is the suspension plan; set spec.suspended=true and keep the plan to resume to");
    }
    Optional<PlanSpec> plan = offering.get().getSpec().plan(spec.getPlanId());
    if (plan.isEmpty()) {
      return Outcome.problem(
          Reason.PLAN_NOT_FOUND,
          "service " + spec.getServiceId() + " has no plan " + spec.getPlanId());
    }
    List<String> violations;
    try {
      violations =
          validator.validate(
              plan.get().getSchemas() == null ? null : plan.get().getSchemas().getCreate(),
              spec.getParameters());
    } catch (ParameterValidator.InvalidSchemaException e) {
      return Outcome.problem(Reason.INVALID_OFFERING, e.getMessage());
    }
    if (!violations.isEmpty()) {
      return Outcome.problem(
          Reason.INVALID_PARAMETERS, "invalid parameters: " + String.join("; ", violations));
    }
    return Outcome.ok(new ResolvedPlan(offering.get(), plan.get()));
  }
}
