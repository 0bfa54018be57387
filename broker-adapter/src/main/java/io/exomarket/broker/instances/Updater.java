package io.exomarket.broker.instances;

import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.Problem;
import io.exomarket.broker.osb.RequestMeta;
import io.exomarket.broker.osb.UpdateRequest;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * {@code PATCH /v2/service_instances/:id}. The change is decided from the current MSI and written
 * with its resourceVersion; a 409 re-reads and decides again, so a concurrent writer is never
 * overwritten. An identical request changes nothing: it reports the current generation (accepted
 * while it is in flight, done when done). Async, a different change while one is in flight is a
 * ConcurrencyError; sync (Exoscale), it is accepted, since the operator converges on the latest
 * spec.
 */
public final class Updater {
  private static final int MAX_ATTEMPTS = 5;
  private final InstanceServices s;
  private final UpdatePlanner planner;
  private final OperationRunner<ManagedServiceInstance> runner;

  public Updater(InstanceServices services) {
    this.s = services;
    this.planner = new UpdatePlanner(services.validator());
    this.runner =
        new OperationRunner<>(services.waiter(), services.syncTimeout(), services.asyncGrace());
  }

  public CompletableFuture<Outcome> update(
      String instanceId, UpdateRequest req, RequestMeta meta, boolean async) {
    ManagedServiceInstance msi =
        s.repository()
            .find(instanceId)
            .orElseThrow(() -> OsbError.notFound("instance " + instanceId + " does not exist"));
    ServiceOfferingSpec offering =
        s.offerings()
            .byServiceId(msi.getSpec().getServiceId())
            .orElseThrow(() -> OsbError.badRequest("unknown service_id " + req.serviceId()));
    for (int attempt = 1; ; attempt++) {
      UpdatePlanner.Plan plan = planner.plan(msi.getSpec(), req, offering);
      if (msi.getMetadata().getDeletionTimestamp() != null) {
        throw OsbError.concurrency("instance " + instanceId + " is being deleted");
      }
      OperationProgress current =
          OperationProgress.ofGeneration(msi, Annotations.generationOf(msi));
      if (!plan.changes()) {
        return unchanged(msi, current, async);
      }
      if (async && current.inProgress()) {
        throw OsbError.concurrency(
            "operation "
                + Annotations.operationOf(msi)
                + " is still in progress on instance "
                + instanceId);
      }
      ManagedServiceInstance next = Annotations.copyWithSpec(msi, plan.spec());
      Annotations.record(next, meta, plan.type());
      try {
        return runner.run(
            msi.getMetadata().getNamespace(), msi.getMetadata().getName(), async, new Write(next));
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT && attempt < MAX_ATTEMPTS) {
          msi = s.repository().fetch(msi.getMetadata().getNamespace(), msi.getMetadata().getName());
          if (msi == null) {
            throw OsbError.notFound("instance " + instanceId + " does not exist");
          }
          continue;
        }
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          throw OsbError.notFound("instance " + instanceId + " does not exist");
        }
        throw e;
      }
    }
  }

  /** Writing the new spec, and what the operator makes of it. */
  private final class Write implements OperationRunner.Change<ManagedServiceInstance> {
    private final ManagedServiceInstance next;

    Write(ManagedServiceInstance next) {
      this.next = next;
    }

    @Override
    public ManagedServiceInstance write() {
      return s.repository().update(next);
    }

    @Override
    public Outcome accepted(ManagedServiceInstance written) {
      return new Outcome.Accepted(Map.of("operation", Annotations.operationOf(written).toString()));
    }

    @Override
    public Predicate<ManagedServiceInstance> finished(ManagedServiceInstance written) {
      return Provisioner.doneWith(Annotations.generationOf(written));
    }

    @Override
    public Outcome settled(
        ResourceWaiter.Result<ManagedServiceInstance> result, ManagedServiceInstance written) {
      return syncAnswer(result, Annotations.generationOf(written));
    }
  }

  private CompletableFuture<Outcome> unchanged(
      ManagedServiceInstance msi, OperationProgress current, boolean async) {
    if (current.failed()) {
      return CompletableFuture.completedFuture(failed(msi, current));
    }
    if (!current.inProgress()) {
      return CompletableFuture.completedFuture(new Outcome.Done(true, Map.of()));
    }
    OperationId op = Annotations.operationOf(msi);
    if (async) {
      return CompletableFuture.completedFuture(
          new Outcome.Accepted(Map.of("operation", op.toString())));
    }
    return runner.await(
        msi, Provisioner.doneWith(op.generation()), result -> syncAnswer(result, op.generation()));
  }

  private static Outcome syncAnswer(
      ResourceWaiter.Result<ManagedServiceInstance> result, long generation) {
    if (result.timedOut()) {
      return Outcome.done(Map.of());
    }
    if (result.gone()) {
      return new Outcome.Failed(
          new OsbError(
              Problem.UPDATE_FAILED, "the instance was deleted during the update", false, false));
    }
    OperationProgress progress = OperationProgress.ofGeneration(result.object(), generation);
    return progress.failed() ? failed(result.object(), progress) : Outcome.done(Map.of());
  }

  /** A failed update: whether the instance still serves is what the platform needs to know. */
  private static Outcome failed(ManagedServiceInstance msi, OperationProgress progress) {
    boolean usable = msi.getStatus() == null || msi.getStatus().getState() != InstanceState.Failed;
    return new Outcome.Failed(
        new OsbError(
            Problem.UPDATE_FAILED, "update failed: " + progress.description(), usable, true));
  }
}
