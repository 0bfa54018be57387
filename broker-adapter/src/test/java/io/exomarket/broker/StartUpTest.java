package io.exomarket.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.testing.OsbClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Start-up: the adapter answers no OSB request before its informers' caches are synced (an answer
 * from an empty cache would be wrong: an instance not yet seen). Its port opens while they list, so
 * that the HTTP server starts meanwhile; until they are synced the OSB routes and {@code /readyz}
 * answer 503. A start that cannot sync fails with a clear error and leaves nothing listening.
 */
class StartUpTest {
  private static final String USER = "platform";
  private static final String PASSWORD = "s3cr3t-Pa55";

  @Test
  void aStartThatCannotSyncFailsClearlyAndNeverServes() throws Exception {
    // An API server that accepts connections and never answers: the caches never fill.
    try (ServerSocket silentApi = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder(Config.empty())
                        .withMasterUrl("http://127.0.0.1:" + silentApi.getLocalPort())
                        .withRequestTimeout(60_000)
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build()) {
      int port = freePort();
      BrokerConfig config =
          BrokerConfig.fromEnv(
              Map.of(
                  "BROKER_HOST",
                  "127.0.0.1",
                  "BROKER_PORT",
                  Integer.toString(port),
                  "BROKER_USERNAME",
                  USER,
                  "BROKER_PASSWORD",
                  PASSWORD,
                  "BROKER_INFORMER_SYNC_TIMEOUT",
                  "3s"));
      CompletableFuture<BrokerServer> starting =
          CompletableFuture.supplyAsync(() -> BrokerServer.start(client, config));
      OsbClient osb = new OsbClient("http://127.0.0.1:" + port, USER, PASSWORD);

      silentApi.setSoTimeout(10_000);
      try (Socket firstList = silentApi.accept()) {
        // The informers are listing (and never hear back): the start is under way, caches empty.
        Map<String, String> anonymous = new HashMap<>();
        anonymous.put("Authorization", null);
        anonymous.put("X-Broker-API-Version", null);
        OsbClient.Response readyz =
            await()
                .atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> osb.send("GET", "/readyz", null, anonymous), r -> r != null);
        assertThat(readyz.status()).isEqualTo(503);
        assertThat(osb.send("GET", "/healthz", null, anonymous).status()).isEqualTo(200);
        OsbClient.Response catalog = osb.catalog();
        assertThat(catalog.status()).isEqualTo(503);
        assertThat(catalog.text("error")).isEqualTo("ServiceUnavailable");
        assertThat(catalog.text("description")).contains("starting");
        // Credentials are checked first, as on every OSB route.
        assertThat(
                osb.send(
                        "GET",
                        "/v2/catalog",
                        null,
                        Map.of("Authorization", OsbClient.basic(USER, "guess")))
                    .status())
            .isEqualTo(401);
        assertThat(starting.isDone()).isFalse();

        assertThatThrownBy(starting::join)
            .isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(IllegalStateException.class)
            .cause()
            .hasMessageContaining("could not start");
      }
      assertThatThrownBy(osb::catalog).hasMessageContaining("failed");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
