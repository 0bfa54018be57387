package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static io.exomarket.broker.testing.TestOfferings.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.broker.testing.ApiSnapshot;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.broker.testing.StatusWriter;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DELETE: 410 for unknown ids, and it works on anything that exists, whatever its state. */
@MockApiTier
class DeprovisionTest {
  private static final String FINALIZER = ApiGroup.NAME + "/finalizer";
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture(c -> c.withSyncTimeout(Duration.ofMillis(500)));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static String provision() {
    String id = UUID.randomUUID().toString();
    assertThat(
            f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true).status())
        .isEqualTo(202);
    return id;
  }

  /** A finalizer like the operator's, so that deletion takes time. */
  private static void holdWithFinalizer(String id) {
    f.client
        .resource(f.instance(id))
        .edit(
            m -> {
              m.getMetadata().setFinalizers(List.of(FINALIZER));
              return m;
            });
  }

  private static void release(String id) {
    f.client
        .resource(f.instance(id))
        .edit(
            m -> {
              m.getMetadata().setFinalizers(List.of());
              return m;
            });
  }

  @Test
  void unknownInstanceIs410AndChangesNothing() {
    ApiSnapshot snapshot = f.snapshot();
    OsbClient.Response r = f.osb.deprovision("never-" + UUID.randomUUID(), SERVICE, SMALL, false);
    assertThat(r.status()).isEqualTo(410);
    assertThat(r.raw()).isEqualTo("{}");
    assertThat(f.osb.deprovision("never-" + UUID.randomUUID(), SERVICE, SMALL, true).status())
        .isEqualTo(410);
    assertThat(f.snapshot()).isEqualTo(snapshot);
  }

  @Test
  void halfCreatedInstanceIsDeletedAt200() {
    // Never seen by any operator: no status, no finalizer (what orphan mitigation meets after a
    // timeout).
    String id = provision();
    OsbClient.Response r =
        f.osb.send(
            "DELETE",
            OsbClient.path(id) + "?service_id=" + SERVICE + "&plan_id=" + SMALL,
            null,
            Map.of("X-Broker-API-Request-Identity", "del-1"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("X-Broker-API-Request-Identity")).isEqualTo("del-1");
    assertThat(f.instance(id)).isNull();
    assertThat(f.osb.deprovision(id, SERVICE, SMALL, false).status()).isEqualTo(410);
  }

  @Test
  void deletionMarkedButNotFinishedIs200AndRepeatable() {
    String id = provision();
    holdWithFinalizer(id);
    // The wait runs out; the deletion is durable (deletionTimestamp + finalizer): 200.
    OsbClient.Response r =
        f.osb.send(
            "DELETE",
            OsbClient.path(id) + "?service_id=" + SERVICE + "&plan_id=" + SUSPENDED,
            null,
            Map.of("X-Broker-API-Request-Identity", "del-2"));
    assertThat(r.status()).isEqualTo(200);
    ManagedServiceInstance msi = f.instance(id);
    assertThat(msi.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(msi.getMetadata().getAnnotations())
        .containsEntry(ApiGroup.REQUEST_ID_ANNOTATION, "del-2");
    // Orphan mitigation retries: still 200, and no further write.
    ApiSnapshot snapshot = f.snapshot();
    assertThat(f.osb.deprovision(id, SERVICE, SMALL, false).status()).isEqualTo(200);
    assertThat(f.snapshot()).isEqualTo(snapshot);
    release(id);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> f.osb.deprovision(id, SERVICE, SMALL, false).status() == 410);
  }

  @Test
  void syncDeleteAnswersWhenTheInstanceIsGoneNotWhenTheWaitRunsOut() throws Exception {
    String id = provision();
    holdWithFinalizer(id);
    var pending =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> f.osb.deprovision(id, SERVICE, SMALL, false));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.instance(id).getMetadata().getDeletionTimestamp() != null);
    release(id);
    assertThat(pending.get().status()).isEqualTo(200);
    assertThat(f.instance(id)).isNull();
  }

  @Test
  void asyncDeleteIsAnOperationThatEndsIn410() {
    String id = provision();
    holdWithFinalizer(id);
    OsbClient.Response r = f.osb.deprovision(id, SERVICE, SMALL, true);
    assertThat(r.status()).isEqualTo(202);
    String op = r.text("operation");
    assertThat(op).startsWith("deprovision:");
    OsbClient.Response poll = f.osb.lastOperation(id, op);
    assertThat(poll.text("state")).isEqualTo("in progress");
    assertThat(poll.header("Retry-After")).isNotNull();
    // Re-sent while deleting: 202 again, same operation.
    assertThat(f.osb.deprovision(id, SERVICE, SMALL, true).text("operation")).isEqualTo(op);
    release(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> f.osb.lastOperation(id, op).status() == 410);
  }

  @Test
  void aDeprovisionTheOperatorReportsFailedIs5xxSoThePlatformRetries() {
    String id = provision();
    holdWithFinalizer(id);
    ManagedServiceInstance msi = f.instance(id);
    f.client.resource(msi).delete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.instance(id).getMetadata().getDeletionTimestamp() != null);
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Deleting,
        OperationType.DEPROVISION,
        OperationState.FAILED,
        "volume snapshot failed");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              OsbClient.Response r = f.osb.deprovision(id, SERVICE, SMALL, false);
              assertThat(r.status()).isEqualTo(500);
              assertThat(r.text("error")).isEqualTo("DeprovisionFailed");
              assertThat(r.text("description")).contains("volume snapshot failed");
            });
    assertThat(f.osb.lastOperation(id, "deprovision:1").text("state")).isEqualTo("failed");
    release(id);
  }

  @Test
  void aFailedInstanceIsStillDeletable() {
    String id = provision();
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Failed,
        OperationType.PROVISION,
        OperationState.FAILED,
        "boom");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "failed".equals(f.osb.lastOperation(id, "provision:1").text("state")));
    assertThat(f.osb.deprovision(id, SERVICE, SMALL, false).status()).isEqualTo(200);
    assertThat(f.instance(id)).isNull();
  }
}
