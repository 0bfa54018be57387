package io.exomarket.e2e;

import static io.exomarket.e2e.testing.Osb.LARGE;
import static io.exomarket.e2e.testing.Osb.SMALL;
import static io.exomarket.e2e.testing.Osb.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.e2e.testing.Osb;
import io.exomarket.testkit.junit.E2eTier;
import io.exomarket.testkit.metering.RecordedUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 1: the Exoscale lifecycle against the operator and the adapter as separate processes:
 * provision with users, user sync, bind and unbind, suspend, resume, plan change, deprovision (with
 * a binding left); synchronously (as Exoscale calls today) and asynchronously (polling
 * last_operation); usage arrives at the sink.
 */
@E2eTier
class ExoscaleLifecycleE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static E2eEnvironment env;
  private static Osb osb;

  @BeforeAll
  static void start() {
    env = new E2eEnvironment(Duration.ofMillis(300), Duration.ofSeconds(5));
    env.startOperator();
    osb = env.startAdapter(0).osb();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void exoscaleLifecycleWithUsage(boolean async) {
    String org = UUID.randomUUID().toString();
    String id = UUID.randomUUID().toString();

    Osb.Response created = osb.provision(id, Osb.provisionBody(SMALL, org, "owner@acme.ch"), async);
    assertThat(created.status()).as(created.raw()).isEqualTo(async ? 202 : 201);
    finish(id, created, async, InstanceState.Ready);
    assertThat(osb.provision(id, Osb.provisionBody(SMALL, org, "owner@acme.ch"), async).status())
        .isEqualTo(200);

    finish(
        id,
        accepted(
            osb.update(id, Osb.updateBody(SMALL, "owner@acme.ch", "tech@acme.ch"), async), async),
        async,
        InstanceState.Ready);
    assertThat(env.instance(id).getSpec().getUsers()).hasSize(2);

    // A binding: its own credential (not the instance's), returned once bound; then unbound.
    String bindingId = UUID.randomUUID().toString();
    JsonNode credentials = bind(id, bindingId, async);
    assertThat(credentials.get("username").asText()).startsWith("b_");
    assertThat(credentials.get("host").asText()).endsWith(".svc");
    assertThat(osb.fetchBinding(id, bindingId).body().get("credentials")).isEqualTo(credentials);
    Osb.Response unbound = osb.unbind(id, bindingId, SMALL, async);
    assertThat(unbound.status()).as(unbound.raw()).isEqualTo(async ? 202 : 200);
    if (async) {
      String op = unbound.text("operation");
      await()
          .atMost(TIMEOUT)
          .until(() -> osb.bindingLastOperation(id, bindingId, op).status() == 410);
    }
    assertThat(osb.unbind(id, bindingId, SMALL, async).status()).isEqualTo(410);
    // A second binding is left for the deprovision, which removes it with the instance.
    String kept = UUID.randomUUID().toString();
    bind(id, kept, async);

    // Usage for the first window(s) arrives while the instance runs.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(usage(org, "uptime_small")).isPositive());
    assertThat(env.sink().reports())
        .filteredOn(r -> r.organization().toString().equals(org))
        .extracting(RecordedUsage::variable)
        .contains("storage_small");

    finish(
        id,
        accepted(osb.update(id, Osb.updateBody(SUSPENDED), async), async),
        async,
        InstanceState.Suspended);
    assertThat(env.instance(id).getSpec().isSuspended()).isTrue();
    finish(
        id,
        accepted(osb.update(id, Osb.updateBody(SMALL), async), async),
        async,
        InstanceState.Ready);
    finish(
        id,
        accepted(osb.update(id, Osb.updateBody(LARGE), async), async),
        async,
        InstanceState.Ready);
    assertThat(env.instance(id).getSpec().getPlanId()).isEqualTo(LARGE);
    // The new plan's meters bill from the change on.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(usage(org, "storage_large")).isPositive());

    Osb.Response deleted = osb.deprovision(id, LARGE, async);
    assertThat(deleted.status()).as(deleted.raw()).isEqualTo(async ? 202 : 200);
    String op = deleted.text("operation");
    await()
        .atMost(TIMEOUT)
        .until(() -> async ? osb.lastOperation(id, op).status() == 410 : env.instance(id) == null);
    await().atMost(TIMEOUT).until(() -> env.instance(id) == null);
    assertThat(osb.fetchBinding(id, kept).status()).isEqualTo(404);
    // The final partial window (up to metadata.deletionTimestamp, whole seconds) is reported before
    // the finalizer goes; its exact quantities are checked in the operator tier
    // (UsageReportingTest),
    // as here it may be empty when the deletion falls on a window already reported.
    assertThat(osb.deprovision(id, LARGE, async).status()).isEqualTo(410);
  }

  /** Binds and returns the credentials: from the 201, or polled and then fetched (async). */
  private static JsonNode bind(String id, String bindingId, boolean async) {
    Osb.Response r = osb.bind(id, bindingId, Osb.bindBody(SMALL), async);
    assertThat(r.status()).as(r.raw()).isEqualTo(async ? 202 : 201);
    if (!async) return r.body().get("credentials");
    assertThat(r.body().has("credentials")).isFalse();
    String op = r.text("operation");
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "succeeded".equals(osb.bindingLastOperation(id, bindingId, op).text("state")));
    Osb.Response fetched = osb.fetchBinding(id, bindingId);
    assertThat(fetched.status()).as(fetched.raw()).isEqualTo(200);
    return fetched.body().get("credentials");
  }

  private static BigDecimal usage(String org, String variable) {
    return env.sink().reports().stream()
        .filter(r -> r.organization().toString().equals(org) && r.variable().equals(variable))
        .map(RecordedUsage::quantity)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Osb.Response accepted(Osb.Response r, boolean async) {
    assertThat(r.status()).as(r.raw()).isEqualTo(async ? 202 : 200);
    return r;
  }

  private static void finish(String id, Osb.Response r, boolean async, InstanceState expected) {
    if (async) {
      String op = r.text("operation");
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                Osb.Response poll = osb.lastOperation(id, op);
                assertThat(poll.status()).as(poll.raw()).isEqualTo(200);
                assertThat(poll.text("state")).isNotEqualTo("failed");
                return "succeeded".equals(poll.text("state"));
              });
    }
    ManagedServiceInstance msi = env.instance(id);
    assertThat(msi.getStatus().getState()).isEqualTo(expected);
    assertThat(msi.getStatus().getObservedGeneration())
        .isEqualTo(msi.getMetadata().getGeneration());
  }
}
