package io.exomarket.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
        .untilAsserted(
            () -> {
              ManagedServiceInstance current = client.resource(msi).get();
              // On a timeout, say where it is instead.
              assertThat(isAt(current, state))
                  .as(
                      "%s at %s; it is %s",
                      msi.getMetadata().getName(),
                      state,
                      current == null || current.getStatus() == null
                          ? "without status"
                          : current.getStatus().getState()
                              + " ("
                              + current.getStatus().getMessage()
                              + ") at generation "
                              + current.getStatus().getObservedGeneration()
                              + "/"
                              + current.getMetadata().getGeneration())
                  .isTrue();
            });
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
        .untilAsserted(
            () -> {
              List<ManagedServiceInstance> all =
                  client.resources(ManagedServiceInstance.class).inAnyNamespace().list().getItems();
              // On a timeout, say where the others are: state and message, counted.
              Map<String, Long> elsewhere =
                  all.stream()
                      .filter(i -> !isAt(i, state))
                      .collect(
                          Collectors.groupingBy(
                              i ->
                                  i.getStatus() == null
                                      ? "no status"
                                      : i.getStatus().getState()
                                          + ": "
                                          + i.getStatus().getMessage(),
                              TreeMap::new,
                              Collectors.counting()));
              assertThat(all.size() - elsewhere.values().stream().mapToLong(Long::longValue).sum())
                  .as("instances at %s; the others: %s", state, elsewhere)
                  .isGreaterThanOrEqualTo(instances.size());
            });
  }
}
