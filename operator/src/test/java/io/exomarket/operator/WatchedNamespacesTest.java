package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code WATCH_NAMESPACES} with several namespaces: one informer per namespace and kind. Each
 * namespace's first list must not drop from the caches what another's brought: after a restart with
 * Ready instances in every watched namespace, all of them are known (counted, found by the binding
 * controller), though none of them changes again. An unwatched namespace is left alone.
 */
@MockApiTier
class WatchedNamespacesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String WATCHED = "tenant-watched";

  @RegisterExtension final OperatorHarness harness = OperatorHarness.onMock();

  private static double ready(ExomarketOperator operator) {
    return operator
        .registry()
        .getSampleValue("exomarket_instances", new String[] {"state"}, new String[] {"Ready"});
  }

  @Test
  void severalNamespacesAreRefusedWithAClearError() {
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("WATCH_NAMESPACES", "tenant-b, tenant-a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WATCH_NAMESPACES names 2 namespaces [tenant-a, tenant-b]")
        .hasMessageContaining("one namespace, or all")
        .hasMessageContaining("WATCH_LABEL_SELECTOR");
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("WATCH_NAMESPACES", " tenant-a ")).namespaces())
        .containsExactly("tenant-a");
  }

  @Test
  void aRestartKnowsTheWatchedNamespacesInstancesAndLeavesOthersAlone() {
    KubernetesClient client = harness.client();
    OperatorConfig config = OperatorConfig.defaults().withNamespaces(Set.of(WATCHED));
    List<ManagedServiceInstance> instances = new ArrayList<>();
    Fixtures.namespace(client, WATCHED);
    for (int i = 0; i < 3; i++) {
      instances.add(client.resource(Fixtures.instance(WATCHED, "db-" + i, SMALL)).create());
    }
    Fixtures.namespace(client, "tenant-unwatched");
    client.resource(Fixtures.instance("tenant-unwatched", "db-0", SMALL)).create();

    ExomarketOperator first = harness.startOperator(config);
    Awaits.awaitAll(client, instances, InstanceState.Ready, TIMEOUT);
    first.close();

    ExomarketOperator restarted = harness.startOperator(config);
    // Started = the informers have listed; nothing changes any more.
    assertThat(ready(restarted)).isEqualTo(3.0);
    ManagedServiceInstance late =
        client.resource(Fixtures.instance(WATCHED, "db-late", SMALL)).create();
    Awaits.awaitAll(client, List.of(late), InstanceState.Ready, TIMEOUT);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ready(restarted)).isEqualTo(4.0));

    ManagedServiceInstance ignored =
        client
            .resources(ManagedServiceInstance.class)
            .inNamespace("tenant-unwatched")
            .withName("db-0")
            .get();
    assertThat(ignored.getMetadata().getFinalizers()).isEmpty();
    assertThat(ignored.getStatus().getState()).isNull();
  }
}
