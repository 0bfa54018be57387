package io.exomarket.broker.instances;

import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.Problem;
import io.exomarket.broker.osb.ProvisionRequest;
import io.exomarket.broker.osb.RequestMeta;
import io.exomarket.broker.osb.RequestedMaintenance;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * {@code PUT /v2/service_instances/:id}. Everything is validated before anything is written; then
 * the tenant namespace is ensured and the MSI created. The MSI is the durable intent: once it is
 * written, the answer is a success even if the operator is slow, because a failure would make the
 * platform delete a healthy instance. Only an instance the operator reports as failed is a failure,
 * so that orphan mitigation cleans it up.
 */
public final class Provisioner {
  private final InstanceServices s;
  private final OperationRunner<ManagedServiceInstance> runner;

  public Provisioner(InstanceServices services) {
    this.s = services;
    this.runner =
        new OperationRunner<>(services.waiter(), services.syncTimeout(), services.asyncGrace());
  }

  public CompletableFuture<Outcome> provision(
      String instanceId, ProvisionRequest req, RequestMeta meta, boolean async) {
    ServiceOfferingSpec offering =
        s.offerings()
            .byServiceId(req.serviceId())
            .orElseThrow(() -> OsbError.badRequest("unknown service_id " + req.serviceId()));
    s.offerings()
        .notReady(req.serviceId())
        .ifPresent(
            reason -> {
              throw OsbError.badRequest(
                  "service "
                      + req.serviceId()
                      + " takes no new instances now: its offering is not ready ("
                      + reason
                      + "); the provider has been told (kubectl get offering)");
            });
    if (offering.isSuspensionPlan(req.planId())) {
      throw OsbError.badRequest(
          "plan_id " + req.planId() + " is the suspension plan; provision a normal plan");
    }
    PlanSpec plan =
        offering
            .plan(req.planId())
            .orElseThrow(
                () ->
                    OsbError.badRequest(
                        "unknown plan_id " + req.planId() + " for service " + req.serviceId()));
    RequestedMaintenance.check(req.maintenanceVersion(), plan.getMaintenanceInfo(), plan.getId());
    s.validator()
        .validate(
            plan.getSchemas() == null ? null : plan.getSchemas().getCreate(),
            req.parameters(),
            "parameters");

    ManagedServiceInstanceSpec desired =
        NewInstance.spec(instanceId, req, plan.getMaintenanceInfo());
    // The cache is enough here: a re-sent PUT that another replica has just served lands on the
    // same deterministic name and namespace, so the API server's 409 AlreadyExists catches it.
    Optional<ManagedServiceInstance> existing = s.repository().findCached(instanceId);
    if (existing.isPresent()) {
      return answerExisting(existing.get(), desired, offering, async);
    }
    String namespace = s.namespaces().namespaceFor(req.organization());
    String name = InstanceNames.nameFor(instanceId);
    s.namespaces().ensure(req.organization());
    ManagedServiceInstance msi = NewInstance.of(namespace, name, desired, meta);
    try {
      return runner.run(namespace, name, async, new Create(msi, req.organization(), offering));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return existingAfterConflict(namespace, name, desired, offering, async);
      }
      throw e;
    }
  }

  /** Creating the MSI, and what its operator makes of it. */
  private final class Create implements OperationRunner.Change<ManagedServiceInstance> {
    private final ManagedServiceInstance msi;
    private final String organization;
    private final ServiceOfferingSpec offering;

    Create(ManagedServiceInstance msi, String organization, ServiceOfferingSpec offering) {
      this.msi = msi;
      this.organization = organization;
      this.offering = offering;
    }

    /** A namespace deleted behind our back is recreated once. */
    @Override
    public ManagedServiceInstance write() {
      try {
        return s.repository().create(msi);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
          throw e;
        }
        s.namespaces().forget(organization);
        s.namespaces().ensure(organization);
        return s.repository().create(msi);
      }
    }

    @Override
    public Outcome accepted(ManagedServiceInstance written) {
      OperationId op = new OperationId(OperationType.PROVISION, Annotations.generationOf(written));
      return new Outcome.Accepted(
          NewInstance.body(NewInstance.dashboardUrl(offering, written), op));
    }

    @Override
    public Predicate<ManagedServiceInstance> finished(ManagedServiceInstance written) {
      return doneWith(Annotations.generationOf(written));
    }

    @Override
    public Outcome settled(
        ResourceWaiter.Result<ManagedServiceInstance> result, ManagedServiceInstance written) {
      return syncAnswer(result, false, Annotations.generationOf(written), offering, written);
    }
  }

  /** Another request (maybe on another replica) created it first: answer as for a re-sent PUT. */
  private CompletableFuture<Outcome> existingAfterConflict(
      String namespace,
      String name,
      ManagedServiceInstanceSpec desired,
      ServiceOfferingSpec offering,
      boolean async) {
    ManagedServiceInstance current = s.repository().fetch(namespace, name);
    if (current == null) {
      throw new OsbError(Problem.UNAVAILABLE, "the instance changed concurrently; retry");
    }
    if (!Objects.equals(current.getSpec().getInstanceId(), desired.getInstanceId())) {
      throw OsbError.conflict(
          "the name "
              + name
              + " derived from this instance id is taken by instance id "
              + current.getSpec().getInstanceId()
              + " (hash collision); choose another instance id");
    }
    return answerExisting(current, desired, offering, async);
  }

  private CompletableFuture<Outcome> answerExisting(
      ManagedServiceInstance existing,
      ManagedServiceInstanceSpec desired,
      ServiceOfferingSpec offering,
      boolean async) {
    if (!NewInstance.sameAttributes(existing.getSpec(), desired)) {
      throw OsbError.conflict(
          "instance " + desired.getInstanceId() + " already exists with different attributes");
    }
    if (existing.getMetadata().getDeletionTimestamp() != null) {
      throw OsbError.concurrency("instance " + desired.getInstanceId() + " is being deleted");
    }
    long generation = Annotations.generationOf(existing);
    OperationProgress progress = OperationProgress.ofGeneration(existing, generation);
    String dashboard = NewInstance.dashboardUrl(offering, existing);
    if (progress.failed()) {
      return CompletableFuture.completedFuture(failed(progress));
    }
    if (!progress.inProgress()) {
      return CompletableFuture.completedFuture(
          new Outcome.Done(true, NewInstance.body(dashboard, null)));
    }
    if (async) {
      OperationId op = new OperationId(OperationType.PROVISION, generation);
      return CompletableFuture.completedFuture(
          new Outcome.Accepted(NewInstance.body(dashboard, op)));
    }
    return runner.await(
        existing,
        doneWith(generation),
        result -> syncAnswer(result, true, generation, offering, existing));
  }

  private static Outcome syncAnswer(
      ResourceWaiter.Result<ManagedServiceInstance> result,
      boolean existed,
      long generation,
      ServiceOfferingSpec offering,
      ManagedServiceInstance written) {
    if (result.timedOut()) {
      return new Outcome.Done(
          existed, NewInstance.body(NewInstance.dashboardUrl(offering, written), null));
    }
    if (result.gone()) {
      return new Outcome.Failed(
          new OsbError(Problem.PROVISION_FAILED, "the instance was deleted while provisioning"));
    }
    OperationProgress progress = OperationProgress.ofGeneration(result.object(), generation);
    if (progress.failed()) {
      return failed(progress);
    }
    return new Outcome.Done(
        existed, NewInstance.body(NewInstance.dashboardUrl(offering, result.object()), null));
  }

  private static Outcome failed(OperationProgress progress) {
    return new Outcome.Failed(
        new OsbError(Problem.PROVISION_FAILED, "provisioning failed: " + progress.description()));
  }

  static Predicate<ManagedServiceInstance> doneWith(long generation) {
    return msi -> msi == null || !OperationProgress.ofGeneration(msi, generation).inProgress();
  }
}
