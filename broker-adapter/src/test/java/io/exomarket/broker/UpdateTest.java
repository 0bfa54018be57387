package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.FIXED_OTHER;
import static io.exomarket.broker.testing.TestOfferings.FIXED_PLAN;
import static io.exomarket.broker.testing.TestOfferings.FIXED_SERVICE;
import static io.exomarket.broker.testing.TestOfferings.FIXED_SUSPENDED;
import static io.exomarket.broker.testing.TestOfferings.LARGE;
import static io.exomarket.broker.testing.TestOfferings.MAINTENANCE_VERSION;
import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static io.exomarket.broker.testing.TestOfferings.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.exomarket.broker.testing.ApiSnapshot;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PATCH semantics and the 422s, without an operator: nothing ever completes, so async requests stay
 * in flight (ConcurrencyError territory) and sync ones answer when their short wait runs out.
 */
@MockApiTier
class UpdateTest {
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture(c -> c.withSyncTimeout(Duration.ofMillis(200)));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static String provision(String serviceId, String planId) {
    String id = UUID.randomUUID().toString();
    ObjectNode body = Bodies.provision(serviceId, planId, Bodies.newOrg());
    if (serviceId.equals(SERVICE))
      ((ObjectNode) body.get("parameters")).put("size", 2).put("region", "ch-gva-2");
    assertThat(f.osb.provision(id, body, false).status()).isEqualTo(201);
    return id;
  }

  @Test
  void suspensionPlanSetsSuspendedAndKeepsThePlanThenANormalPlanResumes() {
    String id = provision(SERVICE, SMALL);
    assertThat(f.osb.update(id, Bodies.update(SERVICE, SUSPENDED), false).status()).isEqualTo(200);
    ManagedServiceInstance msi = f.instance(id);
    assertThat(msi.getSpec().isSuspended()).isTrue();
    assertThat(msi.getSpec().getPlanId()).isEqualTo(SMALL);
    assertThat(msi.getMetadata().getAnnotations())
        .containsEntry("marketplace.exomarket.io/operation", "suspend");

    // Resume and change plan in one request.
    assertThat(f.osb.update(id, Bodies.update(SERVICE, LARGE), false).status()).isEqualTo(200);
    msi = f.instance(id);
    assertThat(msi.getSpec().isSuspended()).isFalse();
    assertThat(msi.getSpec().getPlanId()).isEqualTo(LARGE);
    assertThat(msi.getMetadata().getAnnotations())
        .containsEntry("marketplace.exomarket.io/operation", "resume");
  }

  @Test
  void usersAreReplacedAndAbsentFieldsChangeNothing() {
    String id = provision(SERVICE, SMALL);
    ManagedServiceInstance before = f.instance(id);

    ObjectNode sync = Bodies.update(SERVICE, null);
    Bodies.users(sync.putObject("parameters"), "z@acme.ch", "y@acme.ch");
    OsbClient.Response r =
        f.osb.send(
            "PATCH", OsbClient.path(id), sync, Map.of("X-Broker-API-Request-Identity", "sync-1"));
    assertThat(r.status()).isEqualTo(200);
    ManagedServiceInstance after = f.instance(id);
    assertThat(after.getSpec().getUsers())
        .containsExactly(
            new ServiceUser("y@acme.ch", "User y", "owner"),
            new ServiceUser("z@acme.ch", "User z", "owner"));
    assertThat(after.getSpec().getPlanId()).isEqualTo(SMALL);
    assertThat(after.getSpec().getParameters()).isEqualTo(before.getSpec().getParameters());
    assertThat(after.getMetadata().getAnnotations())
        .containsEntry(ApiGroup.REQUEST_ID_ANNOTATION, "sync-1");

    // A parameter change merges at the top level; users stay.
    ObjectNode params = Bodies.update(SERVICE, null);
    params.putObject("parameters").put("size", 5);
    assertThat(f.osb.update(id, params, false).status()).isEqualTo(200);
    ManagedServiceInstance merged = f.instance(id);
    assertThat(merged.getSpec().getParameters().toString())
        .isEqualTo("{\"size\":5,\"region\":\"ch-gva-2\"}");
    assertThat(merged.getSpec().getUsers()).hasSize(2);

    // Nothing asked, nothing changed: 200 and no write.
    ApiSnapshot snapshot = f.snapshot();
    assertThat(f.osb.update(id, Bodies.update(SERVICE, null), false).status()).isEqualTo(200);
    assertThat(f.osb.update(id, Bodies.update(SERVICE, SMALL), false).status()).isEqualTo(200);
    assertThat(f.snapshot()).isEqualTo(snapshot);
  }

  @Test
  void planChangeIsRefusedWhenNotUpdateableButSuspensionIsAllowed() {
    String id = provision(FIXED_SERVICE, FIXED_PLAN);
    ApiSnapshot snapshot = f.snapshot();
    OsbClient.Response r = f.osb.update(id, Bodies.update(FIXED_SERVICE, FIXED_OTHER), false);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.text("error")).isEqualTo("PlanChangeNotSupported");
    assertThat(r.text("description"))
        .contains("plan_updateable is false")
        .contains(FIXED_PLAN)
        .contains(FIXED_OTHER);
    assertThat(f.snapshot()).isEqualTo(snapshot);

    assertThat(f.osb.update(id, Bodies.update(FIXED_SERVICE, FIXED_SUSPENDED), false).status())
        .isEqualTo(200);
    assertThat(f.instance(id).getSpec().isSuspended()).isTrue();
  }

  @Test
  void maintenanceInfoMustMatchThePlanAndAnEmptyOneIsAbsent() {
    String org = Bodies.newOrg();
    String id = UUID.randomUUID().toString();
    ObjectNode body = Bodies.provision(SERVICE, SMALL, org);
    body.putObject("maintenance_info").put("version", "0.9.0");
    ApiSnapshot snapshot = f.snapshot();
    OsbClient.Response r = f.osb.provision(id, body, false);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.text("error")).isEqualTo("MaintenanceInfoConflict");
    assertThat(f.snapshot()).isEqualTo(snapshot);

    body.putObject("maintenance_info");
    assertThat(f.osb.provision(id, body, false).status()).isEqualTo(201);
    body.putObject("maintenance_info")
        .put("version", MAINTENANCE_VERSION)
        .put("description", "whatever");
    assertThat(f.osb.provision(id, body, false).status()).isEqualTo(200);

    ObjectNode patch = Bodies.update(SERVICE, LARGE);
    patch.putObject("maintenance_info").put("version", "2.0.0");
    snapshot = f.snapshot();
    OsbClient.Response conflict = f.osb.update(id, patch, false);
    assertThat(conflict.status()).isEqualTo(422);
    assertThat(conflict.text("error")).isEqualTo("MaintenanceInfoConflict");
    assertThat(f.snapshot()).isEqualTo(snapshot);
  }

  @Test
  void unknownFieldsAreIgnoredEverywhere() {
    String id = UUID.randomUUID().toString();
    ObjectNode body = Bodies.provision(SERVICE, SMALL, Bodies.newOrg());
    body.put("future_field", 1);
    body.putObject("metadata").put("x", "y");
    ((ObjectNode) body.get("context")).put("region", "ch-gva-2").putObject("nested").put("a", 1);
    ((ObjectNode) body.get("parameters").get("users").get(0)).put("phone", "+41");
    assertThat(f.osb.provision(id, body, false).status()).isEqualTo(201);
    ObjectNode patch = Bodies.update(SERVICE, SMALL);
    patch.putObject("previous_values").put("plan_id", SMALL).put("unknown", true);
    patch.put("another_future_field", "x");
    assertThat(f.osb.update(id, patch, false).status()).isEqualTo(200);
  }

  @Test
  void asyncChangesAreOperationsAndConcurrentChangesAreRefused() {
    String id = UUID.randomUUID().toString();
    OsbClient.Response created =
        f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true);
    assertThat(created.status()).isEqualTo(202);
    assertThat(created.text("operation")).isEqualTo("provision:1");
    assertThat(created.text("dashboard_url")).isNotBlank();

    // Re-sent identical request: the same operation, still 202.
    OsbClient.Response resent =
        f.osb.provision(
            id, Bodies.provision(SERVICE, SMALL, f.instance(id).getSpec().getOrganization()), true);
    assertThat(resent.status()).isEqualTo(202);
    assertThat(resent.text("operation")).isEqualTo("provision:1");

    // A different change while the provision is in flight (no operator here): ConcurrencyError.
    ApiSnapshot snapshot = f.snapshot();
    OsbClient.Response concurrent = f.osb.update(id, Bodies.update(SERVICE, LARGE), true);
    assertThat(concurrent.status()).isEqualTo(422);
    assertThat(concurrent.text("error")).isEqualTo("ConcurrencyError");
    assertThat(f.snapshot()).isEqualTo(snapshot);

    // An update identical to the current spec reports the operation in flight.
    OsbClient.Response noop = f.osb.update(id, Bodies.update(SERVICE, SMALL), true);
    assertThat(noop.status()).isEqualTo(202);
    assertThat(noop.text("operation")).isEqualTo("provision:1");

    OsbClient.Response poll = f.osb.lastOperation(id, "provision:1");
    assertThat(poll.status()).isEqualTo(200);
    assertThat(poll.text("state")).isEqualTo("in progress");
    assertThat(poll.header("Retry-After")).isEqualTo("1");

    // Synchronous callers (Exoscale) are not refused: the operator converges on the latest spec.
    assertThat(f.osb.update(id, Bodies.update(SERVICE, LARGE), false).status()).isEqualTo(200);
    assertThat(f.instance(id).getSpec().getPlanId()).isEqualTo(LARGE);
  }

  /** PATCH lists no 404 in the spec's OpenAPI: Spring's reference broker answers 422. */
  @Test
  void updatingAnUnknownInstanceIs422() {
    ApiSnapshot snapshot = f.snapshot();
    OsbClient.Response r =
        f.osb.update("no-such-" + UUID.randomUUID(), Bodies.update(SERVICE, LARGE), false);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.text("error")).isEqualTo("NotFound");
    assertThat(f.snapshot()).isEqualTo(snapshot);
  }
}
