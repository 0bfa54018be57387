package io.exomarket.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.e2e.testing.Osb;
import io.exomarket.e2e.testing.Parallel;
import io.exomarket.testkit.junit.E2eTier;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scenario 6: a burst of provisions (500 by default; E2E_BURST overrides) all reach Ready. */
@E2eTier
class BurstE2ETest {
  private static final int N = Integer.parseInt(System.getenv().getOrDefault("E2E_BURST", "500"));
  private static E2eEnvironment env;

  @BeforeAll
  static void start() {
    env = new E2eEnvironment(Duration.ofMillis(100), Duration.ofSeconds(60));
    env.startOperator();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void burstOfProvisions() {
    Osb osb = env.startAdapter(0).osb();
    long start = System.nanoTime();
    List<String> ids =
        Parallel.join(
            Parallel.submit(
                N,
                16,
                i -> {
                  String id = "burst-" + i + "-" + UUID.randomUUID();
                  String org = UUID.randomUUID().toString();
                  Osb.Response r =
                      osb.provision(id, Osb.provisionBody(Osb.SMALL, org, "owner@acme.ch"), true);
                  assertThat(r.status()).as(r.raw()).isEqualTo(202);
                  return id;
                }));
    long accepted = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
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
    System.out.printf(
        "burst: %d provisions accepted in %d ms, all Ready after %d ms%n",
        N, (accepted - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
  }
}
