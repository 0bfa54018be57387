package io.exomarket.broker.testing;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Conditions;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.BindingState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceBindingStatus;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Plays the operator's part for a binding, in the shape it documents: the Secret with {@code
 * credentials.json}, then the status (Ready, or Failed and Stalled). The lifecycle itself is tested
 * against the real operator.
 */
public final class BindingWriter {
  private BindingWriter() {}

  public static void ready(KubernetesClient client, ManagedServiceBinding binding, String json) {
    ManagedServiceBinding current = client.resource(binding).get();
    String secret = current.getMetadata().getName() + "-credentials";
    client
        .secrets()
        .inNamespace(current.getMetadata().getNamespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(secret)
                .withNamespace(current.getMetadata().getNamespace())
                .endMetadata()
                .addToData(
                    "credentials.json",
                    Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                .build())
        .create();
    write(client, current, BindingState.Ready, OperationState.SUCCEEDED, secret, "bound");
  }

  public static void failed(KubernetesClient client, ManagedServiceBinding binding, String why) {
    write(
        client,
        client.resource(binding).get(),
        BindingState.Failed,
        OperationState.FAILED,
        null,
        why);
  }

  private static void write(
      KubernetesClient client,
      ManagedServiceBinding current,
      BindingState state,
      OperationState opState,
      String secret,
      String message) {
    long generation = current.getMetadata().getGeneration();
    boolean ready = state == BindingState.Ready;
    ManagedServiceBindingStatus status = new ManagedServiceBindingStatus();
    status.setObservedGeneration(generation);
    status.setState(state);
    status.setSecretName(secret);
    status.setMessage(message);
    status.setConditions(
        new Conditions(null, generation, Instant.now())
            .set(ConditionType.READY, ready, ready ? Reason.READY : Reason.NOT_BINDABLE, message)
            .set(ConditionType.STALLED, !ready, Reason.NOT_BINDABLE, message)
            .build());
    status.setLastOperation(
        new LastOperation(
            OperationType.BIND, opState, message, "2026-01-01T00:00:00Z", generation));
    current.setStatus(status);
    client.resource(current).updateStatus();
  }
}
