package io.exomarket.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.e2e.testing.JavaProcess;
import io.exomarket.e2e.testing.Osb;
import io.exomarket.e2e.testing.Parallel;
import io.exomarket.testkit.junit.E2eTier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: kill -9 of the operator in the middle of 200 provisions; a new one converges them
 * all.
 */
@E2eTier
class OperatorKillE2ETest {
  private static final int N = 200;
  private static E2eEnvironment env;

  @BeforeAll
  static void start() {
    env = new E2eEnvironment(Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void killMinus9InTheMiddleOf200ProvisionsThenRestart() {
    JavaProcess operator = env.startOperator();
    Osb osb = env.startAdapter(0).osb();
    String org = UUID.randomUUID().toString();
    List<String> ids =
        Parallel.join(
            Parallel.submit(
                N,
                8,
                i -> {
                  String id = "crash-" + i + "-" + UUID.randomUUID();
                  Osb.Response r =
                      osb.provision(id, Osb.provisionBody(Osb.SMALL, org, "owner@acme.ch"), true);
                  assertThat(r.status()).as(r.raw()).isEqualTo(202);
                  return id;
                }));
    // In the middle: some instances Ready, most not yet.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> ready() >= 20);
    operator.kill9();
    long readyAtKill = ready();
    assertThat(readyAtKill).isLessThan(N);

    env.startOperator();
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ready() == N);

    // Nothing duplicated: one of each object per instance, and every provision is known exactly
    // once.
    List<ManagedServiceInstance> all = env.instances();
    assertThat(all).hasSize(N);
    assertThat(all)
        .extracting(m -> m.getSpec().getInstanceId())
        .containsExactlyInAnyOrderElementsOf(ids);
    String ns = all.get(0).getMetadata().getNamespace();
    assertOnePerInstance(env.client().apps().statefulSets().inNamespace(ns).list().getItems(), "");
    assertOnePerInstance(env.client().secrets().inNamespace(ns).list().getItems(), "-credentials");
    assertOnePerInstance(env.client().configMaps().inNamespace(ns).list().getItems(), "-users");
    assertOnePerInstance(env.client().services().inNamespace(ns).list().getItems(), "");
    assertThat(all)
        .allSatisfy(
            m ->
                assertThat(m.getStatus().getLastOperation().getState().toString())
                    .isEqualToIgnoringCase("succeeded"));
  }

  private static void assertOnePerInstance(List<? extends HasMetadata> objects, String suffix) {
    Map<String, Long> byName =
        objects.stream()
            .map(o -> o.getMetadata().getName())
            .filter(n -> n.startsWith("i-") && n.endsWith(suffix))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(byName).hasSize(N);
    assertThat(byName.values()).allMatch(c -> c == 1);
  }

  private static long ready() {
    return env.instances().stream()
        .filter(m -> m.getStatus() != null && m.getStatus().getState() == InstanceState.Ready)
        .count();
  }
}
