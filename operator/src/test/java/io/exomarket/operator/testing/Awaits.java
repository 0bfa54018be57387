package io.exomarket.operator.testing;

import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Collection;

/** Waits on instance status the way a platform would: state reached at the current generation. */
public final class Awaits {
  private Awaits() {}

  public static boolean isAt(ManagedServiceInstance current, InstanceState state) {
    return current != null
        && current.getStatus() != null
        && current.getStatus().getState() == state
        && current.getStatus().getObservedGeneration() != null
        && current
            .getStatus()
            .getObservedGeneration()
            .equals(current.getMetadata().getGeneration());
  }

  public static ManagedServiceInstance awaitState(
      KubernetesClient client, ManagedServiceInstance msi, InstanceState state, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> isAt(client.resource(msi).get(), state));
    return client.resource(msi).get();
  }

  public static void awaitAll(
      KubernetesClient client,
      Collection<ManagedServiceInstance> instances,
      InstanceState state,
      Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                client
                        .resources(ManagedServiceInstance.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()
                        .stream()
                        .filter(i -> isAt(i, state))
                        .count()
                    >= instances.size());
  }
}
