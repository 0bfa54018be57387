package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.config.ReconcilePacing;
import io.exomarket.operator.controller.InstanceReconciler;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RECONCILE_RATE_LIMIT caps the reconciles of one instance per period: a burst of changes to it is
 * reconciled at most that often, and a change held back is reconciled once the period ends.
 */
@MockApiTier
class RateLimitTest {
  private static final int LIMIT = 2;
  private static final Duration PERIOD = Duration.ofSeconds(3);

  @RegisterExtension
  static final OperatorHarness harness =
      OperatorHarness.onMock()
          .operator(
              c ->
                  c.withHttpPort(-1)
                      .withPacing(ReconcilePacing.defaults().withRateLimit(LIMIT, PERIOD)));

  @Test
  void aBurstOfChangesIsReconciledAtTheLimitAndNoChangeIsDropped() throws Exception {
    KubernetesClient client = harness.client();
    String ns = "tenant-ratelimit";
    Fixtures.namespace(client, ns);
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    Awaits.awaitState(client, msi, InstanceState.Ready, Duration.ofSeconds(30));

    // A significant change every 100 ms for two periods: without a limit each is reconciled.
    double before = reconciles();
    long start = System.nanoTime();
    Duration burst = PERIOD.multipliedBy(2);
    int changes = 0;
    while (System.nanoTime() - start < burst.toNanos()) {
      annotate(client, ns, Integer.toString(changes++));
      Thread.sleep(100);
    }
    double inBurst = reconciles() - before;

    // The burst spans at most three periods of LIMIT each (its ends may cut two).
    assertThat(changes).isGreaterThan(20);
    assertThat(inBurst).isBetween(1.0, 3.0 * LIMIT);
    // Nothing is dropped: a change made now, held back or not, starts a reconcile after it.
    double beforeLast = reconciles();
    annotate(client, ns, "last");
    await().atMost(PERIOD.multipliedBy(3)).until(() -> reconciles() > beforeLast);
  }

  /** One annotation change, on the latest version (the operator writes the status meanwhile). */
  private static void annotate(KubernetesClient client, String ns, String tick) {
    for (int attempt = 0; ; attempt++) {
      try {
        client
            .resources(ManagedServiceInstance.class)
            .inNamespace(ns)
            .withName("db")
            .edit(
                m -> {
                  Map<String, String> annotations = new HashMap<>();
                  if (m.getMetadata().getAnnotations() != null) {
                    annotations.putAll(m.getMetadata().getAnnotations());
                  }
                  annotations.put("test.exomarket.io/tick", tick);
                  m.getMetadata().setAnnotations(annotations);
                  return m;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) throw e;
      }
    }
  }

  private static double reconciles() {
    Double value =
        harness
            .operator()
            .registry()
            .getSampleValue(
                "exomarket_reconciliations_total",
                new String[] {"controller"},
                new String[] {InstanceReconciler.NAME});
    return value == null ? 0 : value;
  }
}
