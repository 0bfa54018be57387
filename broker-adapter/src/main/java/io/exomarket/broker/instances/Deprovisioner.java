package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.OsbException;
import io.exomarket.broker.osb.OsbReply;
import io.exomarket.broker.osb.RequestMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code DELETE /v2/service_instances/:id}. Idempotent and fast, because the platform's orphan
 * mitigation relies on it: it works on any MSI whatever its state (half-created, failed, already
 * deleting), an unknown id is 410, and once the MSI is marked for deletion the answer is 200 even
 * if the operator has not finished (the deletion is durable; the finalizer guarantees cleanup).
 * Only a deprovision the operator reports as failed is a 5xx, so that the platform retries.
 */
public final class Deprovisioner {
  private static final int MAX_ATTEMPTS = 5;
  private final InstanceServices s;

  public Deprovisioner(InstanceServices services) {
    this.s = services;
  }

  public CompletableFuture<OsbReply> deprovision(
      String instanceId, String serviceId, String planId, RequestMeta meta, boolean async) {
    Optional<ManagedServiceInstance> found = s.repository().find(instanceId);
    if (found.isEmpty()) return CompletableFuture.completedFuture(OsbReply.empty(410));
    ManagedServiceInstance msi = found.get();
    checkIds(msi, serviceId, planId);
    String namespace = msi.getMetadata().getNamespace();
    String name = msi.getMetadata().getName();
    long generation = Annotations.generationOf(msi);
    InstanceWaiter.Wait wait = async ? null : s.waiter().register(namespace, name);
    try {
      if (msi.getMetadata().getDeletionTimestamp() == null) {
        if (Annotations.hasAny(meta)) annotate(msi, meta);
        s.repository().delete(msi);
      }
    } catch (RuntimeException e) {
      if (wait != null) wait.cancel();
      if (e instanceof KubernetesClientException kce && kce.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return CompletableFuture.completedFuture(OsbReply.empty(200));
      }
      throw e;
    }
    if (async) {
      OperationId op = new OperationId(OperationType.DEPROVISION, generation);
      return CompletableFuture.completedFuture(OsbReply.of(202, Map.of("operation", op.toString())));
    }
    return wait.arm(msi2 -> msi2 == null || OperationStatus.ofDeletion(msi2).failed(), s.repository().cached(namespace, name), s.syncTimeout())
        .thenApply(Deprovisioner::syncAnswer);
  }

  private static OsbReply syncAnswer(InstanceWaiter.Result result) {
    if (result.timedOut() || result.gone()) return OsbReply.empty(200);
    OperationStatus status = OperationStatus.ofDeletion(result.msi());
    return status.failed()
        ? OsbReply.error(new OsbException(500, "DeprovisionFailed", "deprovisioning failed: " + status.description()))
        : OsbReply.empty(200);
  }

  /**
   * The ids must belong to the instance. Any plan of its offering is accepted: while suspended the
   * platform knows the instance by the suspension plan.
   */
  private void checkIds(ManagedServiceInstance msi, String serviceId, String planId) {
    if (!serviceId.equals(msi.getSpec().getServiceId())) {
      throw OsbException.badRequest(
          "service_id " + serviceId + " is not the instance's service " + msi.getSpec().getServiceId());
    }
    Optional<ServiceOfferingSpec> offering = s.offerings().byServiceId(serviceId);
    if (offering.isPresent()
        && !planId.equals(msi.getSpec().getPlanId())
        && !offering.get().isSuspensionPlan(planId)
        && offering.get().plan(planId).isEmpty()) {
      throw OsbException.badRequest("unknown plan_id " + planId + " for service " + serviceId);
    }
  }

  /** Records who deleted it before deleting (the annotation is the only trace that survives in events/audit logs). */
  private void annotate(ManagedServiceInstance msi, RequestMeta meta) {
    ManagedServiceInstance current = msi;
    for (int attempt = 1; ; attempt++) {
      ManagedServiceInstance next = Annotations.copyWithSpec(current, current.getSpec());
      Annotations.record(next, meta, null);
      try {
        s.repository().update(next);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_ATTEMPTS) throw e;
        current = s.repository().fetch(msi.getMetadata().getNamespace(), msi.getMetadata().getName());
        if (current == null) throw e;
      }
    }
  }
}
