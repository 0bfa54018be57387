package io.exomarket.broker.instances;

import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.Problem;
import io.exomarket.broker.osb.RequestMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * {@code DELETE /v2/service_instances/:id}. Idempotent and fast, because the platform's orphan
 * mitigation relies on it: it works on any MSI whatever its state (half-created, failed, already
 * deleting), an unknown id is gone, and once the MSI is marked for deletion the answer is done even
 * if the operator has not finished (the deletion is durable; the finalizer guarantees cleanup).
 * Only a deprovision the operator reports as failed is a failure, so that the platform retries.
 */
public final class Deprovisioner {
  private static final int MAX_ATTEMPTS = 5;
  private final InstanceServices s;
  private final OperationRunner<ManagedServiceInstance> runner;

  public Deprovisioner(InstanceServices services) {
    this.s = services;
    this.runner =
        new OperationRunner<>(services.waiter(), services.syncTimeout(), services.asyncGrace());
  }

  public CompletableFuture<Outcome> deprovision(
      String instanceId, String serviceId, String planId, RequestMeta meta, boolean async) {
    Optional<ManagedServiceInstance> found = s.repository().find(instanceId);
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(new Outcome.Gone());
    }
    ManagedServiceInstance msi = found.get();
    checkIds(msi, serviceId, planId);
    try {
      return runner.run(
          msi.getMetadata().getNamespace(),
          msi.getMetadata().getName(),
          async,
          new Delete(msi, meta));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return CompletableFuture.completedFuture(Outcome.done(Map.of()));
      }
      throw e;
    }
  }

  /**
   * Marking the MSI for deletion (who asked is recorded first), and what the operator makes of it.
   */
  private final class Delete implements OperationRunner.Change<ManagedServiceInstance> {
    private final ManagedServiceInstance msi;
    private final RequestMeta meta;

    Delete(ManagedServiceInstance msi, RequestMeta meta) {
      this.msi = msi;
      this.meta = meta;
    }

    @Override
    public ManagedServiceInstance write() {
      if (msi.getMetadata().getDeletionTimestamp() == null) {
        if (Annotations.hasAny(meta)) {
          annotate(msi, meta);
        }
        s.beforeDeletion().accept(msi);
        s.repository().delete(msi);
      }
      return s.repository().cached(msi.getMetadata().getNamespace(), msi.getMetadata().getName());
    }

    @Override
    public Outcome accepted(ManagedServiceInstance written) {
      OperationId op = new OperationId(OperationType.DEPROVISION, Annotations.generationOf(msi));
      return new Outcome.Accepted(Map.of("operation", op.toString()));
    }

    @Override
    public Predicate<ManagedServiceInstance> finished(ManagedServiceInstance written) {
      return current -> current == null || OperationProgress.ofDeletion(current).failed();
    }

    @Override
    public Outcome settled(
        ResourceWaiter.Result<ManagedServiceInstance> result, ManagedServiceInstance written) {
      if (result.timedOut() || result.gone()) {
        return Outcome.done(Map.of());
      }
      OperationProgress progress = OperationProgress.ofDeletion(result.object());
      return progress.failed()
          ? new Outcome.Failed(
              new OsbError(
                  Problem.DEPROVISION_FAILED, "deprovisioning failed: " + progress.description()))
          : Outcome.done(Map.of());
    }
  }

  /**
   * The ids must belong to the instance. Any plan of its offering is accepted: while suspended the
   * platform knows the instance by the suspension plan.
   */
  private void checkIds(ManagedServiceInstance msi, String serviceId, String planId) {
    if (!serviceId.equals(msi.getSpec().getServiceId())) {
      throw OsbError.badRequest(
          "service_id "
              + serviceId
              + " is not the instance's service "
              + msi.getSpec().getServiceId());
    }
    Optional<ServiceOfferingSpec> offering = s.offerings().byServiceId(serviceId);
    if (offering.isPresent()
        && !planId.equals(msi.getSpec().getPlanId())
        && !offering.get().isSuspensionPlan(planId)
        && offering.get().plan(planId).isEmpty()) {
      throw OsbError.badRequest("unknown plan_id " + planId + " for service " + serviceId);
    }
  }

  /** Records who deleted it before deleting (the annotation is the only trace that survives). */
  private void annotate(ManagedServiceInstance msi, RequestMeta meta) {
    ManagedServiceInstance current = msi;
    for (int attempt = 1; ; attempt++) {
      ManagedServiceInstance next = Annotations.copyWithSpec(current, current.getSpec());
      Annotations.record(next, meta, null);
      try {
        s.repository().update(next);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        current =
            s.repository().fetch(msi.getMetadata().getNamespace(), msi.getMetadata().getName());
        if (current == null) {
          throw e;
        }
      }
    }
  }
}
