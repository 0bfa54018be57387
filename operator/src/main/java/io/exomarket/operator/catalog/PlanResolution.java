package io.exomarket.operator.catalog;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.validation.ParameterValidator;
import io.exomarket.graph.CompileResult;
import io.exomarket.graph.GraphProblem;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves an instance's offering and plan and checks its parameters. The outcome is either a plan
 * to run or the reason the instance cannot run, which the reconciler reports as Stalled.
 */
public final class PlanResolution {
  private final OfferingCatalog catalog;
  private final WorkloadGraphs graphs;
  private final ParameterValidator validator;

  public PlanResolution(
      OfferingCatalog catalog, WorkloadGraphs graphs, ParameterValidator validator) {
    this.catalog = catalog;
    this.graphs = graphs;
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
    return withGraph(offering.get(), plan.get());
  }

  /**
   * The offering's graph; the last valid one while a broken edit is fixed. An offering whose kinds
   * the operator cannot use (its status says so for this generation) runs nothing new.
   */
  private Outcome withGraph(ServiceOffering offering, PlanSpec plan) {
    Optional<Condition> ready =
        offering.getStatus() == null
            ? Optional.empty()
            : offering.getStatus().condition(ConditionType.READY);
    if (ready.isPresent()
        && Reason.KIND_UNAVAILABLE.value().equals(ready.get().getReason())
        && Objects.equals(
            ready.get().getObservedGeneration(), offering.getMetadata().getGeneration())) {
      return Outcome.problem(
          Reason.KIND_UNAVAILABLE,
          "offering " + offering.getMetadata().getName() + ": " + ready.get().getMessage());
    }
    CompileResult compiled = graphs.compile(offering);
    if (compiled.isValid()) {
      return Outcome.ok(new ResolvedPlan(offering, plan, compiled.graph(), false));
    }
    String problems =
        compiled.problems().stream().map(GraphProblem::toString).collect(Collectors.joining("; "));
    return graphs
        .lastValid(offering)
        .map(graph -> Outcome.ok(new ResolvedPlan(offering, plan, graph, true)))
        .orElseGet(
            () ->
                Outcome.problem(
                    Reason.INVALID_TEMPLATE,
                    "offering " + offering.getMetadata().getName() + ": " + problems));
  }
}
