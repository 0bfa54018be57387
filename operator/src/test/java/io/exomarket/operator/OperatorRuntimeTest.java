package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What runs around the reconciler: health and metrics endpoints. (Leader election needs a real API
 * server: java-operator-sdk checks its Lease permissions with a SelfSubjectRulesReview, which the
 * mock server rejects.)
 */
@MockApiTier
class OperatorRuntimeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();

  /** No kubelet of its own: the tests start one when they want workloads to become ready. */
  @RegisterExtension final OperatorHarness harness = OperatorHarness.onMock().readyDelay(null);

  private KubernetesClient client;

  @BeforeEach
  void start() {
    client = harness.client();
    Fixtures.namespace(client, "tenant-a");
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHealthAndMetrics() throws Exception {
    try (ExomarketOperator operator =
            ExomarketOperator.start(
                harness.newClient(), OperatorConfig.defaults().withHttpPort(0));
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(harness.newClient(), Duration.ofMillis(20))) {
      Awaits.awaitState(
          client,
          client.resource(Fixtures.instance("tenant-a", "db", SMALL)).create(),
          InstanceState.Ready,
          TIMEOUT);

      assertThat(get(operator.httpPort(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(operator.httpPort(), "/readyz").statusCode()).isEqualTo(200);
      String metrics = get(operator.httpPort(), "/metrics").body();
      assertThat(metrics)
          .contains("exomarket_instances{state=\"Ready\",} 1.0")
          .contains("exomarket_reconciliations_total{controller=\"managedserviceinstance\",}")
          .contains("exomarket_reconciliation_duration_seconds_bucket")
          .contains("exomarket_instance_time_to_ready_seconds_count 1.0");
    }
  }
}
