package io.exomarket.broker.bindings;

import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.broker.instances.OperationId;
import io.exomarket.broker.instances.Outcome;
import io.exomarket.broker.osb.OsbError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The read side of bindings: their {@code last_operation} and {@code GET}. */
public final class BindingQueries {
  private final BindingServices s;

  public BindingQueries(BindingServices services) {
    this.s = services;
  }

  /**
   * An unknown binding is 410 (a finished unbind) unless the platform asks about a bind (404). A
   * binding being deleted reports its unbind, whatever operation is named.
   */
  public Outcome lastOperation(String instanceId, String bindingId, String operation) {
    OperationId op = operation == null || operation.isEmpty() ? null : OperationId.parse(operation);
    Optional<ManagedServiceBinding> found = ofInstance(instanceId, bindingId);
    boolean unbind = op != null && op.type() == io.exomarket.api.v1alpha1.OperationType.UNBIND;
    if (found.isEmpty()) {
      if (op == null || unbind) return new Outcome.Gone();
      throw OsbError.notFound("binding " + bindingId + " does not exist");
    }
    ManagedServiceBinding binding = found.get();
    OperationProgress progress =
        unbind || binding.getMetadata().getDeletionTimestamp() != null
            ? OperationProgress.ofUnbinding(binding)
            : OperationProgress.ofBinding(binding);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", progress.state().value());
    body.put("description", progress.description());
    return new Outcome.Polled(body, progress.inProgress() ? s.retryAfterSeconds() : null);
  }

  /**
   * Only when the offering sets {@code bindings_retrievable}; 404 for an unknown binding and while
   * it is being bound (the spec's rule) or unbound.
   */
  public Outcome fetch(String instanceId, String bindingId, String serviceId) {
    ManagedServiceBinding binding =
        ofInstance(instanceId, bindingId)
            .orElseThrow(() -> OsbError.notFound("binding " + bindingId + " does not exist"));
    var instance = s.instances().findCached(instanceId);
    String service = instance.map(i -> i.getSpec().getServiceId()).orElse(serviceId);
    if (serviceId != null && !serviceId.equals(service)) {
      throw OsbError.notFound("service_id " + serviceId + " is not the instance's service");
    }
    boolean retrievable =
        service != null
            && s.offerings().byServiceId(service).map(o -> o.isBindingsRetrievable()).orElse(false);
    if (!retrievable) {
      throw OsbError.notFound("bindings of service " + service + " are not retrievable");
    }
    if (!OperationProgress.ofBinding(binding).succeeded()) {
      throw OsbError.notFound("binding " + bindingId + " is not bound");
    }
    Map<String, Object> body = new LinkedHashMap<>(Credentials.body(s.bindings(), binding));
    if (binding.getSpec().getParameters() != null) {
      body.put("parameters", binding.getSpec().getParameters());
    }
    return Outcome.done(body);
  }

  private Optional<ManagedServiceBinding> ofInstance(String instanceId, String bindingId) {
    return s.bindings().find(bindingId).filter(b -> instanceId.equals(b.getSpec().getInstanceId()));
  }
}
