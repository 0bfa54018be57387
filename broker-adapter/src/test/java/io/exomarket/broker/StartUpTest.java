package io.exomarket.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.testing.OsbClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Start-up: the adapter serves nothing before its informers' caches are synced (an answer from an
 * empty cache would be wrong: an instance not yet seen), and a start that cannot sync fails with a
 * clear error and leaves nothing listening.
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
        assertThat(starting.isDone()).isFalse();
        assertThatThrownBy(osb::catalog).hasMessageContaining("failed");

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
