package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.OsbException;
import io.exomarket.broker.osb.OsbReply;
import io.exomarket.broker.osb.RequestMeta;
import io.exomarket.broker.osb.UpdateRequest;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code PATCH /v2/service_instances/:id}. The change is decided from the current MSI and written
 * with its resourceVersion; a 409 re-reads and decides again, so a concurrent writer is never
 * overwritten. An identical request changes nothing: it reports the current generation (202 while
 * it is in flight, 200 when done). Async, a different change while one is in flight is a 422
 * ConcurrencyError; sync (Exoscale), it is accepted, since the operator converges on the latest spec.
 */
public final class Updater {
  private static final int MAX_ATTEMPTS = 5;
  private final InstanceServices s;
  private final UpdatePlanner planner;

  public Updater(InstanceServices services) {
    this.s = services;
    this.planner = new UpdatePlanner(services.validator());
  }

  public CompletableFuture<OsbReply> update(String instanceId, UpdateRequest req, RequestMeta meta, boolean async) {
    ManagedServiceInstance msi =
        s.repository().find(instanceId)
            .orElseThrow(() -> OsbException.notFound("instance " + instanceId + " does not exist"));
    ServiceOfferingSpec offering =
        s.offerings().byServiceId(msi.getSpec().getServiceId())
            .orElseThrow(() -> OsbException.badRequest("unknown service_id " + req.serviceId()));
    for (int attempt = 1; ; attempt++) {
      UpdatePlanner.Plan plan = planner.plan(msi.getSpec(), req, offering);
      if (msi.getMetadata().getDeletionTimestamp() != null) {
        throw OsbException.concurrency("instance " + instanceId + " is being deleted");
      }
      long currentGeneration = Annotations.generationOf(msi);
      OperationStatus current = OperationStatus.ofGeneration(msi, currentGeneration);
      if (!plan.changes()) return unchanged(msi, current, async);
      if (async && current.inProgress()) {
        throw OsbException.concurrency(
            "operation " + Annotations.operationOf(msi) + " is still in progress on instance " + instanceId);
      }
      ManagedServiceInstance next = Annotations.copyWithSpec(msi, plan.spec());
      Annotations.record(next, meta, plan.type());
      InstanceWaiter.Wait wait =
          async ? null : s.waiter().register(msi.getMetadata().getNamespace(), msi.getMetadata().getName());
      ManagedServiceInstance written;
      try {
        written = s.repository().update(next);
      } catch (KubernetesClientException e) {
        if (wait != null) wait.cancel();
        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT && attempt < MAX_ATTEMPTS) {
          msi = s.repository().fetch(msi.getMetadata().getNamespace(), msi.getMetadata().getName());
          if (msi == null) throw OsbException.notFound("instance " + instanceId + " does not exist");
          continue;
        }
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          throw OsbException.notFound("instance " + instanceId + " does not exist");
        }
        throw e;
      }
      OperationId op = Annotations.operationOf(written);
      if (async) return CompletableFuture.completedFuture(OsbReply.of(202, Map.of("operation", op.toString())));
      return wait.arm(Provisioner.doneWith(op.generation()), null, s.syncTimeout())
          .thenApply(result -> syncAnswer(result, op.generation()));
    }
  }

  private CompletableFuture<OsbReply> unchanged(ManagedServiceInstance msi, OperationStatus current, boolean async) {
    if (current.failed()) return CompletableFuture.completedFuture(failed(msi, current));
    if (!current.inProgress()) return CompletableFuture.completedFuture(OsbReply.empty(200));
    OperationId op = Annotations.operationOf(msi);
    if (async) return CompletableFuture.completedFuture(OsbReply.of(202, Map.of("operation", op.toString())));
    InstanceWaiter.Wait wait = s.waiter().register(msi.getMetadata().getNamespace(), msi.getMetadata().getName());
    return wait.arm(Provisioner.doneWith(op.generation()), msi, s.syncTimeout())
        .thenApply(result -> syncAnswer(result, op.generation()));
  }

  private static OsbReply syncAnswer(InstanceWaiter.Result result, long generation) {
    if (result.timedOut()) return OsbReply.empty(200);
    if (result.gone()) {
      return OsbReply.error(new OsbException(500, "UpdateFailed", "the instance was deleted during the update", false, false));
    }
    OperationStatus status = OperationStatus.ofGeneration(result.msi(), generation);
    return status.failed() ? failed(result.msi(), status) : OsbReply.empty(200);
  }

  /** A failed update: whether the instance still serves is what the platform needs to know. */
  private static OsbReply failed(ManagedServiceInstance msi, OperationStatus status) {
    boolean usable = msi.getStatus() == null || msi.getStatus().getState() != InstanceState.Failed;
    return OsbReply.error(new OsbException(500, "UpdateFailed", "update failed: " + status.description(), usable, true));
  }
}
