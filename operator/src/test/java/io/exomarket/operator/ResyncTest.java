package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.config.ReconcilePacing;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The resync (RESYNC_INTERVAL_SECONDS) puts back what no watch reports: an instance's Secret, which
 * the operator reads per namespace instead of watching, deleted behind its back and with nothing
 * else happening to the instance, is back within the interval.
 */
@MockApiTier
class ResyncTest {
  private static final Duration RESYNC = Duration.ofSeconds(2);

  @RegisterExtension
  static final OperatorHarness harness =
      OperatorHarness.onMock()
          .operator(
              c ->
                  c.withHttpPort(-1)
                      .withPacing(ReconcilePacing.defaults().withResyncInterval(RESYNC)));

  @Test
  void aDeletedSecretIsPutBackWithinTheResyncInterval() {
    KubernetesClient client = harness.client();
    String ns = "tenant-resync";
    Fixtures.namespace(client, ns);
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    Awaits.awaitState(client, msi, InstanceState.Ready, Duration.ofSeconds(30));
    var secret = client.secrets().inNamespace(ns).withName("db-credentials");
    String deletedUid = secret.get().getMetadata().getUid();

    secret.delete(); // the mock deletes at once

    await()
        .atMost(RESYNC.multipliedBy(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Secret now = secret.get();
              return now != null && !now.getMetadata().getUid().equals(deletedUid);
            });
    Secret back = secret.get();
    assertThat(back.getData()).containsKeys("username", "password");
  }
}
