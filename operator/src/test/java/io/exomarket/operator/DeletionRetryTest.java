package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.deletion.DeletionHook;
import io.exomarket.operator.steps.Requeue;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deletion pass that keeps failing is retried until it succeeds. java-operator-sdk alone retries
 * a failed cleanup 6 times in all (about 18 s) and then waits for its maximal reconciliation
 * interval (the resync, an hour by default): the instance would stay, and the platform's
 * deprovision with it.
 */
@MockApiTier
class DeletionRetryTest {
  /** One more than java-operator-sdk's default retry would ever run. */
  private static final int FAILURES = 7;

  @RegisterExtension static final OperatorHarness harness = OperatorHarness.onMock();

  @Test
  void aDeletionThatKeepsFailingIsRetriedUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    DeletionHook failing =
        recorder -> {
          if (calls.incrementAndGet() <= FAILURES) {
            throw new IllegalStateException("injected failure " + calls.get());
          }
          return Requeue.NEVER;
        };
    ExomarketOperator operator =
        harness.startOperator(OperatorConfig.defaults().withHttpPort(0), List.of(failing));
    KubernetesClient client = harness.client();
    String ns = "tenant-retry";
    Fixtures.namespace(client, ns);
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              ManagedServiceInstance m = client.resource(msi).get();
              return m.getStatus() != null && m.getStatus().getState() == InstanceState.Ready;
            });

    client.resource(msi).delete();

    await().atMost(Duration.ofSeconds(90)).until(() -> client.resource(msi).get() == null);
    // More than once after the failures: hooks are idempotent and run again on the pass that
    // follows a status write.
    assertThat(calls.get()).isGreaterThan(FAILURES);
    assertThat(
            operator
                .registry()
                .getSampleValue(
                    "exomarket_reconciliations_failed_total",
                    new String[] {"controller"},
                    new String[] {"managedserviceinstance"}))
        .isEqualTo((double) FAILURES);
    List<String> warnings =
        client.v1().events().inNamespace(ns).list().getItems().stream()
            .filter(e -> "Warning".equals(e.getType()))
            .map(Event::getMessage)
            .toList();
    assertThat(warnings)
        .anySatisfy(m -> assertThat(m).startsWith("deletion step failed, retrying in 2 s"))
        .anySatisfy(m -> assertThat(m).endsWith("injected failure " + FAILURES));
  }
}
