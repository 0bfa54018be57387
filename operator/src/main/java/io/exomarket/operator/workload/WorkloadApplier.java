package io.exomarket.operator.workload;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.AppliedSpec;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.status.StatusRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/**
 * Applies the workload the plan asks for: the dependent-resource workflow, then, after a plan
 * change, the data volumes grown to the new plan's size (a claim template cannot change).
 */
public final class WorkloadApplier {
  private final PvcResizer pvcResizer;
  private final EventRecorder events;

  public WorkloadApplier(KubernetesClient client, EventRecorder events) {
    this.pvcResizer = new PvcResizer(client);
    this.events = events;
  }

  public void apply(StatusRecorder recorder, ResolvedPlan plan) {
    var workflow = recorder.context().managedWorkflowAndDependentResourceContext();
    workflow.put(ResolvedPlan.CONTEXT_KEY, plan);
    workflow.reconcileManagedWorkflow().throwAggregateExceptionIfErrorsPresent();
    ManagedServiceInstance instance = recorder.current();
    AppliedSpec applied =
        instance.getStatus() == null ? null : instance.getStatus().getAppliedSpec();
    if (applied != null && !Objects.equals(applied.getPlanId(), instance.getSpec().getPlanId())) {
      List<String> refused = pvcResizer.grow(instance, plan.plan().getResources().getStorage());
      if (!refused.isEmpty()) {
        events.warning(
            instance,
            Reason.VOLUME_EXPANSION_REFUSED,
            "volumes keep their size, the storage class refused to expand them: "
                + String.join("; ", refused));
      }
    }
  }
}
