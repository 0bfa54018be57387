package io.exomarket.broker.testing;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes one status in the shape the operator documents, to test how the adapter reads that
 * contract (in particular failures, which the real operator cannot be made to produce on demand).
 * The lifecycle itself is tested against the real operator.
 */
public final class StatusWriter {
  private StatusWriter() {}

  public static void write(
      KubernetesClient client,
      ManagedServiceInstance msi,
      InstanceState state,
      OperationType type,
      OperationState opState,
      String description) {
    ManagedServiceInstance current = client.resource(msi).get();
    ManagedServiceInstanceStatus status = new ManagedServiceInstanceStatus();
    long generation = current.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setState(state);
    status.setMessage(description);
    status.setLastOperation(
        new LastOperation(type, opState, description, "2026-01-01T00:00:00Z", generation));
    current.setStatus(status);
    client.resource(current).updateStatus();
  }
}
