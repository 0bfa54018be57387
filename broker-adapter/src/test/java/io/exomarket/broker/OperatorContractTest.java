package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.FIXED_PLAN;
import static io.exomarket.broker.testing.TestOfferings.FIXED_SERVICE;
import static io.exomarket.broker.testing.TestOfferings.LARGE;
import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static io.exomarket.broker.testing.TestOfferings.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.broker.testing.StatusWriter;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the adapter reads what the operator writes (status.observedGeneration, state, lastOperation):
 * waits end on the status event, not on the timeout; failures become 5xx; polls and GET follow the
 * status. Statuses are written here in the operator's documented shape.
 */
@MockApiTier
class OperatorContractTest {
  private static final Duration LONG_WAIT = Duration.ofSeconds(20);
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture(c -> c.withSyncTimeout(LONG_WAIT));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static CompletableFuture<OsbClient.Response> provisionInBackground(
      String id, ObjectNode body) {
    CompletableFuture<OsbClient.Response> pending =
        CompletableFuture.supplyAsync(() -> f.osb.provision(id, body, false));
    await().atMost(Duration.ofSeconds(5)).until(() -> f.instance(id) != null);
    return pending;
  }

  @Test
  void syncProvisionAnswers201AsSoonAsTheInstanceIsReady() throws Exception {
    String id = UUID.randomUUID().toString();
    Instant start = Instant.now();
    CompletableFuture<OsbClient.Response> pending =
        provisionInBackground(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()));
    assertThat(pending).isNotDone();
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Ready,
        OperationType.PROVISION,
        OperationState.SUCCEEDED,
        "ready");
    OsbClient.Response r = pending.get();
    assertThat(r.status()).isEqualTo(201);
    assertThat(Duration.between(start, Instant.now())).isLessThan(LONG_WAIT.dividedBy(2));
  }

  @Test
  void syncProvisionThatFailsIs500SoThatOrphanMitigationDeletes() throws Exception {
    String id = UUID.randomUUID().toString();
    CompletableFuture<OsbClient.Response> pending =
        provisionInBackground(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()));
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Failed,
        OperationType.PROVISION,
        OperationState.FAILED,
        "image pull failed");
    OsbClient.Response r = pending.get();
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text("error")).isEqualTo("ProvisionFailed");
    assertThat(r.text("description")).contains("image pull failed");
    // The platform's orphan mitigation then cleans up.
    assertThat(f.osb.deprovision(id, SERVICE, SMALL, false).status()).isEqualTo(200);
  }

  @Test
  void syncUpdateThatFailsIs500WithInstanceUsable() throws Exception {
    String id = UUID.randomUUID().toString();
    assertThat(
            f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true).status())
        .isEqualTo(202);
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Ready,
        OperationType.PROVISION,
        OperationState.SUCCEEDED,
        "ready");
    await().atMost(Duration.ofSeconds(5)).until(() -> f.osb.fetch(id).status() == 200);

    CompletableFuture<OsbClient.Response> pending =
        CompletableFuture.supplyAsync(() -> f.osb.update(id, Bodies.update(SERVICE, LARGE), false));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.instance(id).getMetadata().getGeneration() == 2);
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Ready,
        OperationType.UPDATE,
        OperationState.FAILED,
        "not enough capacity for plan large");
    OsbClient.Response r = pending.get();
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text("error")).isEqualTo("UpdateFailed");
    assertThat(r.json().get("instance_usable").asBoolean()).isTrue();
    assertThat(r.json().get("update_repeatable").asBoolean()).isTrue();
    OsbClient.Response poll = f.osb.lastOperation(id, "update:2");
    assertThat(poll.text("state")).isEqualTo("failed");
    assertThat(poll.text("description")).contains("capacity");
    assertThat(poll.header("Retry-After")).isNull();
  }

  @Test
  void lastOperationFollowsTheStatus() {
    String id = UUID.randomUUID().toString();
    OsbClient.Response created =
        f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true);
    String op = created.text("operation");
    assertThat(f.osb.lastOperation(id, op).text("state")).isEqualTo("in progress");
    assertThat(f.osb.lastOperation(id, null).text("state")).isEqualTo("in progress");
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Ready,
        OperationType.PROVISION,
        OperationState.SUCCEEDED,
        "provisioned");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              OsbClient.Response r = f.osb.lastOperation(id, op);
              assertThat(r.text("state")).isEqualTo("succeeded");
              assertThat(r.text("description")).isEqualTo("provisioned");
              assertThat(r.header("Retry-After")).isNull();
            });
    // A poll for another instance's unknown provision: 404; for an unknown deletion: 410.
    assertThat(f.osb.lastOperation("unknown-" + id, "provision:1").status()).isEqualTo(404);
    assertThat(f.osb.lastOperation("unknown-" + id, "deprovision:1").status()).isEqualTo(410);
  }

  @Test
  void getInstanceIs404WhileProvisioning200WhenReady422WhileUpdating() {
    String id = UUID.randomUUID().toString();
    ObjectNode body = Bodies.provision(SERVICE, SMALL, Bodies.newOrg());
    ((ObjectNode) body.get("parameters")).put("size", 4);
    f.osb.provision(id, body, true);
    assertThat(f.osb.fetch(id).status()).isEqualTo(404);

    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Ready,
        OperationType.PROVISION,
        OperationState.SUCCEEDED,
        "ok");
    await().atMost(Duration.ofSeconds(5)).until(() -> f.osb.fetch(id).status() == 200);
    OsbClient.Response r = f.osb.fetch(id);
    assertThat(r.text("service_id")).isEqualTo(SERVICE);
    assertThat(r.text("plan_id")).isEqualTo(SMALL);
    assertThat(r.text("dashboard_url")).contains(id);
    assertThat(r.json().at("/parameters/size").asInt()).isEqualTo(4);
    assertThat(r.json().at("/parameters/users/0/email").asText()).isEqualTo("owner@acme.ch");

    assertThat(f.osb.update(id, Bodies.update(SERVICE, SUSPENDED), true).status()).isEqualTo(202);
    // The fetch is served from the informer cache, which sees the update a moment later.
    await().atMost(Duration.ofSeconds(5)).until(() -> f.osb.fetch(id).status() == 422);
    OsbClient.Response busy = f.osb.fetch(id);
    assertThat(busy.text("error")).isEqualTo("ConcurrencyError");

    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Suspended,
        OperationType.SUSPEND,
        OperationState.SUCCEEDED,
        "zzz");
    await().atMost(Duration.ofSeconds(5)).until(() -> f.osb.fetch(id).status() == 200);
    // The platform knows a suspended instance by the suspension plan.
    assertThat(f.osb.fetch(id).text("plan_id")).isEqualTo(SUSPENDED);
  }

  @Test
  void instancesOfANonRetrievableServiceCannotBeFetched() {
    String id = UUID.randomUUID().toString();
    f.osb.provision(id, Bodies.provision(FIXED_SERVICE, FIXED_PLAN, Bodies.newOrg()), true);
    await().atMost(Duration.ofSeconds(5)).until(() -> f.instance(id) != null);
    // GET of an instance answers 200 or 404 only (the spec's OpenAPI): not retrievable is 404.
    assertThat(f.osb.fetch(id).status()).isEqualTo(404);
    assertThat(f.osb.fetch("unknown-" + id).status()).isEqualTo(404);
    // An id we would refuse elsewhere (400) is one we know nothing of here.
    assertThat(f.osb.send("GET", "/v2/service_instances/a%20b", null, Map.of()).status())
        .isEqualTo(404);
  }
}
