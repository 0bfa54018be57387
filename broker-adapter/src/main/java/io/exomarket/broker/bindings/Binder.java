package io.exomarket.broker.bindings;

import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceBindingSpec;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.instances.OperationId;
import io.exomarket.broker.instances.OperationRunner;
import io.exomarket.broker.instances.Outcome;
import io.exomarket.broker.instances.ResourceWaiter;
import io.exomarket.broker.osb.BindRequest;
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
 * {@code PUT /v2/service_instances/:id/service_bindings/:binding_id}. Validated before anything is
 * written; the ManagedServiceBinding is the durable intent, the operator makes the credential. The
 * answer of a finished bind carries the credentials (read from the binding's Secret); a 202 never
 * does. Unlike a provision, a sync bind that runs out of time cannot answer success (the platform
 * needs the credentials): it is a 503, and the identical PUT retried later finds it done (200).
 */
public final class Binder {
  private final BindingServices s;
  private final OperationRunner<ManagedServiceBinding> runner;

  public Binder(BindingServices services) {
    this.s = services;
    this.runner =
        new OperationRunner<>(services.waiter(), services.syncTimeout(), services.asyncGrace());
  }

  public CompletableFuture<Outcome> bind(
      String instanceId, String bindingId, BindRequest req, RequestMeta meta, boolean async) {
    ManagedServiceInstance instance =
        s.instances()
            .find(instanceId)
            .orElseThrow(() -> OsbError.notFound("instance " + instanceId + " does not exist"));
    ServiceOfferingSpec offering = checkRequest(instance, req);
    ManagedServiceBindingSpec desired = BindingResources.spec(instance, bindingId, req);
    Optional<ManagedServiceBinding> existing = s.bindings().findCached(bindingId);
    if (existing.isPresent()) {
      return answerExisting(existing.get(), desired, async);
    }
    if (offering.getBinding() != null
        && offering.getBinding().isRequiresApp()
        && req.appGuid() == null) {
      throw new OsbError(
          Problem.REQUIRES_APP,
          "service " + offering.getId() + " binds applications only: send bind_resource.app_guid");
    }
    checkInstanceState(instance);
    ManagedServiceBinding binding = BindingResources.of(instance, desired, meta);
    try {
      return runner.run(
          binding.getMetadata().getNamespace(),
          binding.getMetadata().getName(),
          async,
          new Create(binding));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
      ManagedServiceBinding current =
          s.bindings().fetch(binding.getMetadata().getNamespace(), binding.getMetadata().getName());
      if (current == null) {
        throw new OsbError(Problem.UNAVAILABLE, "the binding changed concurrently; retry");
      }
      return answerExisting(current, desired, async);
    }
  }

  /** The ids must be the instance's; the service must be bindable. */
  private ServiceOfferingSpec checkRequest(ManagedServiceInstance instance, BindRequest req) {
    if (!req.serviceId().equals(instance.getSpec().getServiceId())) {
      throw OsbError.badRequest("service_id " + req.serviceId() + " is not the instance's service");
    }
    ServiceOfferingSpec offering =
        s.offerings()
            .byServiceId(req.serviceId())
            .orElseThrow(() -> OsbError.badRequest("unknown service_id " + req.serviceId()));
    if (!req.planId().equals(instance.getSpec().getPlanId())
        && !offering.isSuspensionPlan(req.planId())
        && offering.plan(req.planId()).isEmpty()) {
      throw OsbError.badRequest("unknown plan_id " + req.planId() + " for " + req.serviceId());
    }
    if (!offering.isBindable()) {
      throw OsbError.badRequest("service " + offering.getId() + " is not bindable");
    }
    return offering;
  }

  /** A bind waits for nothing but a live instance: not one being deleted or still provisioned. */
  private static void checkInstanceState(ManagedServiceInstance instance) {
    String id = instance.getSpec().getInstanceId();
    if (instance.getMetadata().getDeletionTimestamp() != null) {
      throw OsbError.concurrency("instance " + id + " is being deleted");
    }
    var status = instance.getStatus();
    boolean provisioned = status != null && status.getBillableSince() != null;
    boolean provisioning =
        status == null
            || status.getLastOperation() == null
            || (status.getLastOperation().getType() == OperationType.PROVISION
                && status.getLastOperation().getState() != OperationState.SUCCEEDED);
    if (!provisioned && provisioning) {
      throw OsbError.concurrency("instance " + id + " is still being provisioned");
    }
  }

  private CompletableFuture<Outcome> answerExisting(
      ManagedServiceBinding existing, ManagedServiceBindingSpec desired, boolean async) {
    if (!BindingResources.sameAttributes(existing.getSpec(), desired)) {
      throw OsbError.conflict(
          "binding " + desired.getBindingId() + " already exists with different attributes");
    }
    if (existing.getMetadata().getDeletionTimestamp() != null) {
      throw OsbError.concurrency("binding " + desired.getBindingId() + " is being deleted");
    }
    OperationProgress progress = OperationProgress.ofBinding(existing);
    if (progress.failed()) return CompletableFuture.completedFuture(failed(progress));
    if (!progress.inProgress()) {
      return CompletableFuture.completedFuture(
          new Outcome.Done(true, Credentials.body(s.bindings(), existing)));
    }
    if (async) return CompletableFuture.completedFuture(accepted(existing));
    return runner.await(existing, Binder::finished, result -> settled(result, true));
  }

  /** Creating the binding, and what the operator makes of it. */
  private final class Create implements OperationRunner.Change<ManagedServiceBinding> {
    private final ManagedServiceBinding binding;

    Create(ManagedServiceBinding binding) {
      this.binding = binding;
    }

    @Override
    public ManagedServiceBinding write() {
      return s.bindings().create(binding);
    }

    @Override
    public Outcome accepted(ManagedServiceBinding written) {
      return Binder.accepted(written);
    }

    @Override
    public Predicate<ManagedServiceBinding> finished(ManagedServiceBinding written) {
      return Binder::finished;
    }

    @Override
    public Outcome settled(
        ResourceWaiter.Result<ManagedServiceBinding> result, ManagedServiceBinding written) {
      return Binder.this.settled(result, false);
    }
  }

  private static Outcome accepted(ManagedServiceBinding binding) {
    OperationId op = new OperationId(OperationType.BIND, BindingResources.generationOf(binding));
    return new Outcome.Accepted(Map.of("operation", op.toString()));
  }

  private static boolean finished(ManagedServiceBinding binding) {
    return binding == null || !OperationProgress.ofBinding(binding).inProgress();
  }

  private Outcome settled(ResourceWaiter.Result<ManagedServiceBinding> result, boolean existed) {
    if (result.timedOut()) {
      return new Outcome.Failed(
          new OsbError(
              Problem.UNAVAILABLE,
              "the binding is not ready yet; retry the same request to get its credentials"));
    }
    if (result.gone()) {
      return new Outcome.Failed(
          new OsbError(Problem.BIND_FAILED, "the binding was deleted while binding"));
    }
    OperationProgress progress = OperationProgress.ofBinding(result.object());
    if (progress.failed()) return failed(progress);
    return new Outcome.Done(existed, Credentials.body(s.bindings(), result.object()));
  }

  private static Outcome failed(OperationProgress progress) {
    return new Outcome.Failed(
        new OsbError(Problem.BIND_FAILED, "binding failed: " + progress.description()));
  }
}
