package io.exomarket.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.e2e.testing.Osb;
import io.exomarket.e2e.testing.Parallel;
import io.exomarket.testkit.junit.E2eTier;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: the adapter restarted (SIGTERM, then a new process on the same port) while
 * synchronous provisions wait on the operator. Like Exoscale, the caller re-sends a request that
 * failed or could not connect; every instance ends up provisioned exactly once.
 */
@E2eTier
class AdapterRestartE2ETest {
  private static final int N = 30;
  private static E2eEnvironment env;

  @BeforeAll
  static void start() {
    // Slow workloads, so that requests are still waiting when the adapter goes.
    env = new E2eEnvironment(Duration.ofSeconds(3), Duration.ofSeconds(30));
    env.startOperator();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void adapterRestartedWhileRequestsAreInFlight() {
    int port = E2eEnvironment.freePort();
    E2eEnvironment.Adapter first = env.startAdapter(port);
    Osb osb = first.osb();
    String org = UUID.randomUUID().toString();
    AtomicInteger resent = new AtomicInteger();
    List<Future<String>> inFlight =
        Parallel.submit(
            N,
            N,
            i -> {
              String id = "restart-" + i + "-" + UUID.randomUUID();
              var body = Osb.provisionBody(Osb.SMALL, org, "owner@acme.ch");
              // Staggered over ~4.5 s, so that some requests arrive while the adapter is down.
              await()
                  .atMost(Duration.ofSeconds(90))
                  .pollDelay(Duration.ofMillis(150L * i))
                  .pollInterval(Duration.ofMillis(250))
                  .until(
                      () -> {
                        try {
                          int status = osb.provision(id, body, false).status();
                          if (status == 200 || status == 201) {
                            return true;
                          }
                        } catch (UncheckedIOException e) {
                          // the adapter is down: re-send, as the platform would
                        }
                        resent.incrementAndGet();
                        return false;
                      });
              return id;
            });
    // Restart while requests wait on the operator (instances exist but are not yet Ready).
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> env.instances().size() >= N / 3);
    first.process().stop();
    env.startAdapter(port);

    List<String> ids = Parallel.join(inFlight);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                env.instances().stream()
                        .filter(
                            m ->
                                m.getStatus() != null
                                    && m.getStatus().getState() == InstanceState.Ready)
                        .count()
                    == N);
    assertThat(env.instances())
        .hasSize(N)
        .extracting(m -> m.getSpec().getInstanceId())
        .containsExactlyInAnyOrderElementsOf(ids);
    // Re-sending now is the idempotent 200: nothing is created twice.
    for (String id : ids.subList(0, 5)) {
      assertThat(
              osb.provision(id, Osb.provisionBody(Osb.SMALL, org, "owner@acme.ch"), false).status())
          .isEqualTo(200);
    }
    System.out.println("adapter restart: " + resent.get() + " requests re-sent");
    assertThat(resent.get())
        .as("requests that found the adapter down and were re-sent")
        .isPositive();
  }
}
