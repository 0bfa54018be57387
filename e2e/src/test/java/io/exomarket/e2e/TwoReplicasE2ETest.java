package io.exomarket.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.e2e.testing.Osb;
import io.exomarket.e2e.testing.Parallel;
import io.exomarket.e2e.testing.RoundRobinProxy;
import io.exomarket.testkit.junit.E2eTier;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scenario 5: two adapter replicas behind one endpoint (round robin per connection). */
@E2eTier
class TwoReplicasE2ETest {
  private static final int N = 24;
  private static E2eEnvironment env;
  private static RoundRobinProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    env = new E2eEnvironment(Duration.ofMillis(200), Duration.ofSeconds(30));
    env.startOperator();
    int a = E2eEnvironment.freePort();
    env.startAdapter(a);
    int b = E2eEnvironment.freePort();
    env.startAdapter(b);
    proxy = new RoundRobinProxy(List.of(a, b));
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (env != null) {
      env.close();
    }
  }

  @Test
  void twoReplicasServeTheLifecycleTogether() {
    String org = UUID.randomUUID().toString();
    List<String> ids =
        Parallel.join(
            Parallel.submit(
                N,
                8,
                i -> {
                  // One client per instance: its connection lands on either replica; polls may land
                  // on the other.
                  Osb osb = new Osb(proxy.url(), E2eEnvironment.USER, E2eEnvironment.PASSWORD);
                  String id = "rr-" + i + "-" + UUID.randomUUID();
                  Osb.Response p =
                      osb.provision(id, Osb.provisionBody(Osb.SMALL, org, "owner@acme.ch"), true);
                  assertThat(p.status()).as(p.raw()).isEqualTo(202);
                  awaitSucceeded(id, p.text("operation"));
                  assertThat(
                          osb.provision(
                                  id, Osb.provisionBody(Osb.SMALL, org, "owner@acme.ch"), false)
                              .status())
                      .isEqualTo(200);
                  Osb.Response s =
                      new Osb(proxy.url(), E2eEnvironment.USER, E2eEnvironment.PASSWORD)
                          .update(id, Osb.updateBody(Osb.SUSPENDED), false);
                  assertThat(s.status()).as(s.raw()).isEqualTo(200);
                  assertThat(env.instance(id).getStatus().getState())
                      .isEqualTo(InstanceState.Suspended);
                  Osb.Response d =
                      new Osb(proxy.url(), E2eEnvironment.USER, E2eEnvironment.PASSWORD)
                          .deprovision(id, Osb.SMALL, false);
                  assertThat(d.status()).as(d.raw()).isEqualTo(200);
                  return id;
                }));
    env.awaitNoInstanceLeft(Duration.ofSeconds(60));
    assertThat(ids).hasSize(N);
    assertThat(proxy.connections(0)).isPositive();
    assertThat(proxy.connections(1)).isPositive();
  }

  private static void awaitSucceeded(String id, String op) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Osb.Response poll =
                  new Osb(proxy.url(), E2eEnvironment.USER, E2eEnvironment.PASSWORD)
                      .lastOperation(id, op);
              assertThat(poll.status()).as(poll.raw()).isEqualTo(200);
              return "succeeded".equals(poll.text("state"));
            });
  }
}
