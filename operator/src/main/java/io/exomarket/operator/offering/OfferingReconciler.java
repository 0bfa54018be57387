package io.exomarket.operator.offering;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Conditions;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceOfferingStatus;
import io.exomarket.graph.CompileResult;
import io.exomarket.graph.GraphProblem;
import io.exomarket.operator.catalog.WorkloadGraphs;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks each offering when it changes: its workload graph compiles (every template and expression,
 * ids, cycles) and every kind it uses can be managed. The verdict goes to the offering's status
 * ({@code kubectl get offering} shows READY and MESSAGE): Ready, or Ready=False with reason
 * InvalidTemplate (naming the resource and the expression) or KindUnavailable, which is checked
 * again until the kind is there.
 */
@ControllerConfiguration(name = OfferingReconciler.NAME)
public final class OfferingReconciler implements Reconciler<ServiceOffering> {
  public static final String NAME = "serviceoffering";
  static final Duration KIND_RECHECK = Duration.ofSeconds(20);

  private final WorkloadGraphs graphs;
  private final KindCheck kinds;
  private final Clock clock;

  public OfferingReconciler(WorkloadGraphs graphs, KindCheck kinds, Clock clock) {
    this.graphs = graphs;
    this.kinds = kinds;
    this.clock = clock;
  }

  @Override
  public UpdateControl<ServiceOffering> reconcile(
      ServiceOffering offering, Context<ServiceOffering> context) {
    long generation =
        offering.getMetadata().getGeneration() == null ? 0 : offering.getMetadata().getGeneration();
    ServiceOfferingStatus previous =
        offering.getStatus() == null ? new ServiceOfferingStatus() : offering.getStatus();
    Conditions conditions = new Conditions(previous.getConditions(), generation, clock.instant());
    CompileResult compiled = graphs.compile(offering);
    boolean recheck = false;
    if (!compiled.isValid()) {
      conditions.set(
          ConditionType.READY,
          false,
          Reason.INVALID_TEMPLATE,
          compiled.problems().stream()
              .map(GraphProblem::toString)
              .collect(Collectors.joining("; ")));
    } else {
      List<String> unavailable = kinds.unavailable(compiled.graph());
      recheck = !unavailable.isEmpty();
      if (recheck) {
        conditions.set(
            ConditionType.READY, false, Reason.KIND_UNAVAILABLE, String.join("; ", unavailable));
      } else {
        int resources = compiled.graph().resources().size();
        conditions.set(
            ConditionType.READY,
            true,
            Reason.OFFERING_VALID,
            "workload graph of "
                + resources
                + " resource"
                + (resources == 1 ? "" : "s")
                + " compiled");
      }
    }
    ServiceOfferingStatus status = new ServiceOfferingStatus();
    status.setObservedGeneration(generation);
    status.setConditions(conditions.build());
    if (!Objects.equals(status, offering.getStatus())) {
      // Replaced under the resourceVersion, like every status write of the operator.
      ServiceOffering copy = Serialization.clone(offering);
      copy.setStatus(status);
      context.getClient().resource(copy).updateStatus();
    }
    return recheck
        ? UpdateControl.<ServiceOffering>noUpdate().rescheduleAfter(KIND_RECHECK)
        : UpdateControl.noUpdate();
  }
}
