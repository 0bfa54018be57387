package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.broker.testing.BindingWriter;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.broker.testing.StatusWriter;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BROKER_ASYNC_GRACE: with accepts_incomplete=true, an operation that finishes within the grace
 * answers as if synchronous (201/200, 200 for a DELETE of what is then gone, and 410 on the next
 * DELETE); one that does not answers 202 once the grace is over.
 */
@MockApiTier
class AsyncGraceTest {
  private static final Duration GRACE = Duration.ofSeconds(4);
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture(c -> c.withSyncTimeout(Duration.ofSeconds(10)).withAsyncGrace(GRACE));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void anOperationDoneWithinTheGraceAnswersAsIfSynchronous() throws Exception {
    String id = UUID.randomUUID().toString();
    CompletableFuture<OsbClient.Response> provision =
        CompletableFuture.supplyAsync(
            () -> f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true));
    await().atMost(Duration.ofSeconds(3)).until(() -> f.instance(id) != null);
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Ready,
        OperationType.PROVISION,
        OperationState.SUCCEEDED,
        "ready");
    OsbClient.Response created = provision.get();
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().has("operation")).isFalse();
    assertThat(created.text("dashboard_url")).contains(id);

    // Bind within the grace: 201 with the credentials.
    String bindingId = UUID.randomUUID().toString();
    CompletableFuture<OsbClient.Response> bind =
        CompletableFuture.supplyAsync(
            () -> f.osb.bind(id, bindingId, Bodies.bind(SERVICE, SMALL), true));
    await().atMost(Duration.ofSeconds(3)).until(() -> f.binding(bindingId) != null);
    BindingWriter.ready(f.client, f.binding(bindingId), "{\"password\":\"p\"}");
    OsbClient.Response bound = bind.get();
    assertThat(bound.status()).isEqualTo(201);
    assertThat(bound.json().at("/credentials/password").asText()).isEqualTo("p");

    // Unbind and deprovision finish at once here (nothing holds them): 200, then 410.
    assertThat(f.osb.unbind(id, bindingId, SERVICE, SMALL, true).status()).isEqualTo(200);
    assertThat(f.osb.unbind(id, bindingId, SERVICE, SMALL, true).status()).isEqualTo(410);
    assertThat(f.osb.deprovision(id, SERVICE, SMALL, true).status()).isEqualTo(200);
    assertThat(f.osb.deprovision(id, SERVICE, SMALL, true).status()).isEqualTo(410);
  }

  @Test
  void anOperationStillRunningAfterTheGraceIs202() {
    String id = UUID.randomUUID().toString();
    Instant start = Instant.now();
    OsbClient.Response r =
        f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.text("operation")).isEqualTo("provision:1");
    assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(GRACE);
    // Without accepts_incomplete nothing changes: the request waits for the sync timeout.
  }
}
