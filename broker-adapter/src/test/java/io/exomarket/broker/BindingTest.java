package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.FIXED_PLAN;
import static io.exomarket.broker.testing.TestOfferings.FIXED_SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.testing.ApiSnapshot;
import io.exomarket.broker.testing.BindingWriter;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.broker.testing.StatusWriter;
import io.exomarket.broker.testing.TestOfferings;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binding endpoints, every status code the spec lists for them, sync and async. The operator's
 * part (the Secret with credentials.json, the status) is written here in its documented shape; the
 * lifecycle with the real operator is in BindingLifecycleTest.
 */
@MockApiTier
class BindingTest {
  private static final String CREDENTIALS =
      "{\"username\":\"b_u\",\"password\":\"p\",\"port\":5432}";
  private static final String FINALIZER = "marketplace.exomarket.io/binding-finalizer";
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture(c -> c.withSyncTimeout(Duration.ofSeconds(10)));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** An instance the operator has made Ready. */
  private static String readyInstance(String service, String plan) {
    String id = UUID.randomUUID().toString();
    assertThat(f.osb.provision(id, Bodies.provision(service, plan, Bodies.newOrg()), true).status())
        .isEqualTo(202);
    StatusWriter.write(
        f.client,
        f.instance(id),
        InstanceState.Ready,
        OperationType.PROVISION,
        OperationState.SUCCEEDED,
        "ready");
    // The adapter's cache has the status once a fetch finds it (the fixed service is not
    // retrievable: its bind is refused before the instance's state matters).
    if (!service.equals(FIXED_SERVICE)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> f.osb.fetch(id).status() == 200);
    }
    return id;
  }

  private static ManagedServiceBinding awaitBinding(String bindingId) {
    await().atMost(Duration.ofSeconds(5)).until(() -> f.binding(bindingId) != null);
    return f.binding(bindingId);
  }

  private static void hold(String bindingId) {
    f.client
        .resource(f.binding(bindingId))
        .edit(
            b -> {
              b.getMetadata().setFinalizers(List.of(FINALIZER));
              return b;
            });
  }

  private static void release(String bindingId) {
    f.client
        .resource(f.binding(bindingId))
        .edit(
            b -> {
              b.getMetadata().setFinalizers(List.of());
              return b;
            });
  }

  @Test
  void syncBindIs201WithCredentialsThen200ThenUnbind200Then410() throws Exception {
    String id = readyInstance(SERVICE, SMALL);
    String bindingId = UUID.randomUUID().toString();
    ObjectNode body = Bodies.bind(SERVICE, SMALL);
    CompletableFuture<OsbClient.Response> pending =
        CompletableFuture.supplyAsync(() -> f.osb.bind(id, bindingId, body, false));
    ManagedServiceBinding binding = awaitBinding(bindingId);
    assertThat(binding.getMetadata().getNamespace())
        .isEqualTo(f.instance(id).getMetadata().getNamespace());
    assertThat(binding.getSpec().getInstanceName())
        .isEqualTo(f.instance(id).getMetadata().getName());
    assertThat(binding.getSpec().getAppGuid()).isEqualTo("app-1");
    assertThat(binding.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(f.instance(id).getMetadata().getUid());
    assertThat(pending).isNotDone();
    BindingWriter.ready(f.client, binding, CREDENTIALS);

    OsbClient.Response created = pending.get();
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    assertThat(created.json().at("/credentials/port").asInt()).isEqualTo(5432);
    assertThat(created.json().at("/credentials/password").asText()).isEqualTo("p");

    // Identical again: 200 with the same credentials; different attributes: 409.
    OsbClient.Response again = f.osb.bind(id, bindingId, body, false);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("credentials")).isEqualTo(created.json().get("credentials"));
    ObjectNode other = Bodies.bind(SERVICE, SMALL);
    ((ObjectNode) other.get("parameters")).put("role", "writer");
    ApiSnapshot before = f.snapshot();
    assertThat(f.osb.bind(id, bindingId, other, false).status()).isEqualTo(409);
    assertThat(f.osb.bind(id, bindingId, other, true).status()).isEqualTo(409);
    assertThat(f.snapshot()).isEqualTo(before);

    // Retrievable: 200 with credentials and parameters; polling says succeeded.
    OsbClient.Response fetched = f.osb.fetchBinding(id, bindingId);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json().get("credentials")).isEqualTo(created.json().get("credentials"));
    assertThat(fetched.json().at("/parameters/role").asText()).isEqualTo("reader");
    assertThat(f.osb.bindingLastOperation(id, bindingId, "bind:1").text("state"))
        .isEqualTo("succeeded");

    // Unbind: marked and gone (no finalizer here): 200; again: 410; then GET 404.
    assertThat(f.osb.unbind(id, bindingId, SERVICE, SMALL, false).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> f.binding(bindingId) == null);
    assertThat(f.osb.unbind(id, bindingId, SERVICE, SMALL, false).status()).isEqualTo(410);
    assertThat(f.osb.fetchBinding(id, bindingId).status()).isEqualTo(404);
    assertThat(f.osb.bindingLastOperation(id, bindingId, null).status()).isEqualTo(410);
    assertThat(f.osb.bindingLastOperation(id, bindingId, "bind:1").status()).isEqualTo(404);
  }

  @Test
  void asyncBindIs202UntilBoundNeverWithCredentials() {
    String id = readyInstance(SERVICE, SMALL);
    String bindingId = UUID.randomUUID().toString();
    ObjectNode body = Bodies.bind(SERVICE, SMALL);
    OsbClient.Response accepted = f.osb.bind(id, bindingId, body, true);
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.text("operation")).isEqualTo("bind:1");
    assertThat(accepted.json().has("credentials")).isFalse();
    // A re-sent PUT keeps answering 202 with the same operation while in progress.
    OsbClient.Response resent = f.osb.bind(id, bindingId, body, true);
    assertThat(resent.status()).isEqualTo(202);
    assertThat(resent.text("operation")).isEqualTo("bind:1");
    // GET is 404 while binding; the poll says in progress, with Retry-After.
    assertThat(f.osb.fetchBinding(id, bindingId).status()).isEqualTo(404);
    OsbClient.Response poll = f.osb.bindingLastOperation(id, bindingId, "bind:1");
    assertThat(poll.status()).isEqualTo(200);
    assertThat(poll.text("state")).isEqualTo("in progress");
    assertThat(poll.header("Retry-After")).isEqualTo("1");

    BindingWriter.ready(f.client, f.binding(bindingId), CREDENTIALS);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                "succeeded"
                    .equals(f.osb.bindingLastOperation(id, bindingId, "bind:1").text("state")));
    assertThat(f.osb.fetchBinding(id, bindingId).status()).isEqualTo(200);
    assertThat(f.osb.bind(id, bindingId, body, true).status()).isEqualTo(200);

    // Async unbind of a binding the operator holds: 202 until its finalizer goes, then 410.
    hold(bindingId);
    OsbClient.Response unbinding = f.osb.unbind(id, bindingId, SERVICE, SMALL, true);
    assertThat(unbinding.status()).isEqualTo(202);
    assertThat(unbinding.text("operation")).isEqualTo("unbind:1");
    assertThat(f.osb.unbind(id, bindingId, SERVICE, SMALL, true).status()).isEqualTo(202);
    assertThat(f.osb.bindingLastOperation(id, bindingId, "unbind:1").text("state"))
        .isEqualTo("in progress");
    // While it is being deleted it cannot be bound again (ConcurrencyError) or fetched (404).
    assertThat(f.osb.bind(id, bindingId, body, true).status()).isEqualTo(422);
    assertThat(f.osb.fetchBinding(id, bindingId).status()).isEqualTo(404);
    release(bindingId);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.osb.bindingLastOperation(id, bindingId, "unbind:1").status() == 410);
    assertThat(f.osb.unbind(id, bindingId, SERVICE, SMALL, true).status()).isEqualTo(410);
  }

  @Test
  void failedBindIs500SyncAndFailedWhenPolled() throws Exception {
    String id = readyInstance(SERVICE, SMALL);
    String syncId = UUID.randomUUID().toString();
    CompletableFuture<OsbClient.Response> pending =
        CompletableFuture.supplyAsync(
            () -> f.osb.bind(id, syncId, Bodies.bind(SERVICE, SMALL), false));
    BindingWriter.failed(f.client, awaitBinding(syncId), "credentials template broken");
    OsbClient.Response r = pending.get();
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text("error")).isEqualTo("BindFailed");

    String asyncId = UUID.randomUUID().toString();
    assertThat(f.osb.bind(id, asyncId, Bodies.bind(SERVICE, SMALL), true).status()).isEqualTo(202);
    BindingWriter.failed(f.client, f.binding(asyncId), "credentials template broken");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "failed".equals(f.osb.bindingLastOperation(id, asyncId, null).text("state")));
    // Orphan mitigation then unbinds it.
    assertThat(f.osb.unbind(id, asyncId, SERVICE, SMALL, false).status()).isEqualTo(200);
  }

  @Test
  void unknownInstanceIs422ForBind404ForGet410ForUnbind() {
    String unknown = "unknown-" + UUID.randomUUID();
    ApiSnapshot before = f.snapshot();
    OsbClient.Response bind = f.osb.bind(unknown, "b", Bodies.bind(SERVICE, SMALL), false);
    assertThat(bind.status()).isEqualTo(422);
    assertThat(f.osb.bind(unknown, "b", Bodies.bind(SERVICE, SMALL), true).status()).isEqualTo(422);
    assertThat(f.osb.fetchBinding(unknown, "b").status()).isEqualTo(404);
    assertThat(f.osb.unbind(unknown, "b", SERVICE, SMALL, false).status()).isEqualTo(410);
    assertThat(f.osb.unbind(unknown, "b", SERVICE, SMALL, true).status()).isEqualTo(410);
    assertThat(f.osb.bindingLastOperation(unknown, "b", "bind:1").status()).isEqualTo(404);
    assertThat(f.osb.bindingLastOperation(unknown, "b", "unbind:1").status()).isEqualTo(410);
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void refusalsChangeNothing() {
    String id = readyInstance(SERVICE, SMALL);
    String fixed = readyInstance(FIXED_SERVICE, FIXED_PLAN);
    ApiSnapshot before = f.snapshot();
    Map<String, OsbClient.Response> answers =
        Map.of(
            "not bindable (400)",
            f.osb.bind(fixed, "b1", Bodies.bind(FIXED_SERVICE, FIXED_PLAN), false),
            "other service (400)",
            f.osb.bind(id, "b2", Bodies.bind(FIXED_SERVICE, FIXED_PLAN), false),
            "unknown plan (400)",
            f.osb.bind(id, "b3", Bodies.bind(SERVICE, "nope"), false),
            "missing service_id (400)",
            f.osb.bind(id, "b4", "{\"plan_id\":\"" + SMALL + "\"}", false),
            "app_guid a number (400)",
            f.osb.bind(
                id,
                "b5",
                "{\"service_id\":\"" + SERVICE + "\",\"plan_id\":\"" + SMALL + "\",\"app_guid\":7}",
                false),
            "bind_resource null (400)",
            f.osb.bind(
                id,
                "b6",
                "{\"service_id\":\""
                    + SERVICE
                    + "\",\"plan_id\":\""
                    + SMALL
                    + "\",\"bind_resource\":null}",
                false),
            "binding id with a space (400)",
            f.osb.send(
                "PUT",
                OsbClient.path(id) + "/service_bindings/a%20b",
                Bodies.bind(SERVICE, SMALL),
                Map.of()),
            "unbind without plan_id (400)",
            f.osb.send(
                "DELETE",
                OsbClient.bindingPath(id, "b7") + "?service_id=" + SERVICE,
                null,
                Map.of()));
    answers.forEach(
        (label, r) -> {
          assertThat(r.status()).as(label + ": " + r.raw()).isEqualTo(400);
          assertThat(r.text("error")).as(label).isEqualTo("BadRequest");
        });
    // GET of an id we refuse is 404: the endpoint knows no 400.
    assertThat(
            f.osb
                .send("GET", OsbClient.path(id) + "/service_bindings/a%20b", null, Map.of())
                .status())
        .isEqualTo(404);
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void requiresAppIs422() {
    ServiceOffering appOnly =
        TestOfferings.offering(
            "app-only",
            "svc-app",
            "app",
            "plan-app-suspended",
            true,
            List.of(TestOfferings.plan("plan-app", "app", null)));
    appOnly.getSpec().setBindable(true);
    appOnly.getSpec().setBinding(new io.exomarket.api.v1alpha1.BindingTemplate());
    appOnly.getSpec().getBinding().setRequiresApp(true);
    f.client.resource(appOnly).create();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.osb.catalog().json().get("services").size() == 3);
    String id = readyInstance("svc-app", "plan-app");
    ObjectNode noApp = Bodies.bind("svc-app", "plan-app");
    noApp.remove("bind_resource");
    ApiSnapshot before = f.snapshot();
    OsbClient.Response r = f.osb.bind(id, UUID.randomUUID().toString(), noApp, false);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.text("error")).isEqualTo("RequiresApp");
    assertThat(f.snapshot()).isEqualTo(before);
    // With an application it is accepted.
    assertThat(
            f.osb
                .bind(id, UUID.randomUUID().toString(), Bodies.bind("svc-app", "plan-app"), true)
                .status())
        .isEqualTo(202);
  }

  @Test
  void bindingAnInstanceThatIsProvisioningOrBeingDeletedIsAConcurrencyError() {
    String provisioning = UUID.randomUUID().toString();
    f.osb.provision(provisioning, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true);
    OsbClient.Response r = f.osb.bind(provisioning, "b", Bodies.bind(SERVICE, SMALL), true);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.text("error")).isEqualTo("ConcurrencyError");

    String deleting = readyInstance(SERVICE, SMALL);
    f.client
        .resource(f.instance(deleting))
        .edit(
            m -> {
              m.getMetadata().setFinalizers(List.of("marketplace.exomarket.io/finalizer"));
              return m;
            });
    f.client.resource(f.instance(deleting)).delete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.osb.bind(deleting, "b", Bodies.bind(SERVICE, SMALL), false).status() == 422);
  }

  @Test
  void deprovisionRemovesTheInstancesBindings() {
    String id = readyInstance(SERVICE, SMALL);
    String bindingId = UUID.randomUUID().toString();
    assertThat(f.osb.bind(id, bindingId, Bodies.bind(SERVICE, SMALL), true).status())
        .isEqualTo(202);
    awaitBinding(bindingId);
    assertThat(f.osb.deprovision(id, SERVICE, SMALL, false).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> f.binding(bindingId) == null);
  }
}
