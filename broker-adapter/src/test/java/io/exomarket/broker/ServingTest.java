package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.LARGE;
import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Serving at scale: waits hold no threads, replicas share nothing but the API server, shutdown is
 * graceful.
 */
@MockApiTier
class ServingTest {
  private static final Duration WAIT = Duration.ofSeconds(8);
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture(c -> c.withSyncTimeout(WAIT));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void waitingRequestsHoldNoThreads() throws Exception {
    int waiting = 60;
    List<CompletableFuture<OsbClient.Response>> pending = new ArrayList<>();
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(waiting);
    for (int i = 0; i < waiting; i++) {
      String id = UUID.randomUUID().toString();
      pending.add(
          CompletableFuture.supplyAsync(
              () -> f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), false),
              clients));
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                f.osb
                    .send("GET", "/metrics", null, java.util.Map.of())
                    .raw()
                    .contains("osb_sync_waits_in_progress " + waiting + ".0"));
    // Every request is waiting, yet once their writes are done hardly any worker thread is busy
    // (Jetty's acceptor and selectors, the /metrics request itself), and others are answered at
    // once.
    await()
        .atMost(Duration.ofSeconds(3))
        .until(
            () -> {
              String metrics = f.osb.send("GET", "/metrics", null, java.util.Map.of()).raw();
              return gauge(metrics, "osb_sync_waits_in_progress") == waiting
                  && gauge(metrics, "osb_http_threads_busy") <= 8;
            });
    assertThat(f.osb.catalog().status()).isEqualTo(200);
    for (CompletableFuture<OsbClient.Response> p : pending)
      assertThat(p.get().status()).isEqualTo(201);
    clients.shutdown();
  }

  private static double gauge(String metrics, String name) {
    return Double.parseDouble(
        metrics
            .lines()
            .filter(l -> l.startsWith(name + " "))
            .findFirst()
            .orElseThrow()
            .substring(name.length() + 1));
  }

  @Test
  void aSecondReplicaServesInstancesTheFirstOneCreated() {
    try (var otherClient = f.mock.newClient();
        BrokerServer replica =
            BrokerServer.start(
                otherClient,
                BrokerConfig.forTests(BrokerFixture.USER, BrokerFixture.PASSWORD)
                    .withSyncTimeout(Duration.ofMillis(200)))) {
      OsbClient other = new OsbClient(replica.url(), BrokerFixture.USER, BrokerFixture.PASSWORD);
      String id = UUID.randomUUID().toString();
      OsbClient.Response created =
          f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true);
      // Immediately, whether or not the replica's cache has caught up: found through the API
      // server.
      assertThat(other.lastOperation(id, created.text("operation")).text("state"))
          .isEqualTo("in progress");
      assertThat(other.update(id, Bodies.update(SERVICE, LARGE), false).status()).isEqualTo(200);
      assertThat(f.instance(id).getSpec().getPlanId()).isEqualTo(LARGE);
      assertThat(other.deprovision(id, SERVICE, LARGE, false).status()).isEqualTo(200);
      assertThat(f.osb.deprovision(id, SERVICE, LARGE, false).status()).isEqualTo(410);
    }
  }

  @Test
  void closingAnswersRequestsInFlight() throws Exception {
    try (var otherClient = f.mock.newClient()) {
      BrokerServer replica =
          BrokerServer.start(
              otherClient,
              BrokerConfig.forTests(BrokerFixture.USER, BrokerFixture.PASSWORD)
                  .withSyncTimeout(Duration.ofSeconds(30)));
      OsbClient other = new OsbClient(replica.url(), BrokerFixture.USER, BrokerFixture.PASSWORD);
      String id = UUID.randomUUID().toString();
      CompletableFuture<OsbClient.Response> inFlight =
          CompletableFuture.supplyAsync(
              () -> other.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), false));
      await().atMost(Duration.ofSeconds(5)).until(() -> f.instance(id) != null);
      long start = System.nanoTime();
      replica.close();
      // The waiting request got its answer (the intent is durable), not a reset connection.
      OsbClient.Response r = inFlight.get();
      assertThat(r.status()).isEqualTo(201);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(r.text("dashboard_url")).contains(id);
    }
  }
}
