package io.exomarket.broker.bindings;

import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.instances.OperationId;
import io.exomarket.broker.instances.OperationRunner;
import io.exomarket.broker.instances.Outcome;
import io.exomarket.broker.instances.ResourceWaiter;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.Problem;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * {@code DELETE /v2/service_instances/:id/service_bindings/:binding_id}. Idempotent like a
 * deprovision: an unknown binding is gone (410), a binding being created or already being deleted
 * is deleted (the spec: an unbind halts a bind), and once it is marked the answer is done even if
 * the operator has not revoked it yet (its finalizer guarantees the revocation). Only an unbind the
 * operator reports as failed is a failure.
 */
public final class Unbinder {
  private final BindingServices s;
  private final OperationRunner<ManagedServiceBinding> runner;

  public Unbinder(BindingServices services) {
    this.s = services;
    this.runner =
        new OperationRunner<>(services.waiter(), services.syncTimeout(), services.asyncGrace());
  }

  public CompletableFuture<Outcome> unbind(
      String instanceId, String bindingId, String serviceId, String planId, boolean async) {
    Optional<ManagedServiceBinding> found =
        s.bindings().find(bindingId).filter(b -> instanceId.equals(b.getSpec().getInstanceId()));
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(new Outcome.Gone());
    }
    checkIds(instanceId, serviceId, planId);
    ManagedServiceBinding binding = found.get();
    try {
      return runner.run(
          binding.getMetadata().getNamespace(),
          binding.getMetadata().getName(),
          async,
          new Delete(binding));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return CompletableFuture.completedFuture(Outcome.done(Map.of()));
      }
      throw e;
    }
  }

  /** When the instance is still there, the ids must be its service's. */
  private void checkIds(String instanceId, String serviceId, String planId) {
    s.instances()
        .findCached(instanceId)
        .ifPresent(
            instance -> {
              if (!serviceId.equals(instance.getSpec().getServiceId())) {
                throw OsbError.badRequest(
                    "service_id " + serviceId + " is not the instance's service");
              }
              Optional<ServiceOfferingSpec> offering = s.offerings().byServiceId(serviceId);
              if (offering.isPresent()
                  && !planId.equals(instance.getSpec().getPlanId())
                  && !offering.get().isSuspensionPlan(planId)
                  && offering.get().plan(planId).isEmpty()) {
                throw OsbError.badRequest("unknown plan_id " + planId + " for " + serviceId);
              }
            });
  }

  /** Marking the binding for deletion, and what the operator makes of it. */
  private final class Delete implements OperationRunner.Change<ManagedServiceBinding> {
    private final ManagedServiceBinding binding;

    Delete(ManagedServiceBinding binding) {
      this.binding = binding;
    }

    @Override
    public ManagedServiceBinding write() {
      if (binding.getMetadata().getDeletionTimestamp() == null) {
        s.bindings().delete(binding);
      }
      return binding;
    }

    @Override
    public Outcome accepted(ManagedServiceBinding written) {
      OperationId op =
          new OperationId(OperationType.UNBIND, BindingResources.generationOf(binding));
      return new Outcome.Accepted(Map.of("operation", op.toString()));
    }

    @Override
    public Predicate<ManagedServiceBinding> finished(ManagedServiceBinding written) {
      return current -> current == null || OperationProgress.ofUnbinding(current).failed();
    }

    @Override
    public Outcome settled(
        ResourceWaiter.Result<ManagedServiceBinding> result, ManagedServiceBinding written) {
      if (result.timedOut() || result.gone()) return Outcome.done(Map.of());
      OperationProgress progress = OperationProgress.ofUnbinding(result.object());
      return progress.failed()
          ? new Outcome.Failed(
              new OsbError(Problem.UNBIND_FAILED, "unbinding failed: " + progress.description()))
          : Outcome.done(Map.of());
    }
  }
}
