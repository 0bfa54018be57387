package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.LARGE;
import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static io.exomarket.broker.testing.TestOfferings.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.kube.SimulatedKubelet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole Exoscale lifecycle through the adapter, with the real operator and a simulated kubelet
 * behind it: provision with users, identical re-provision, conflicting provision, user sync,
 * suspension, resumption, plan change, deprovision, deprovision again. Synchronously, as Exoscale
 * calls today, and asynchronously, polling last_operation.
 */
@MockApiTier
class ExoscaleLifecycleTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static BrokerFixture f;
  private static ExomarketOperator operator;
  private static SimulatedKubelet kubelet;

  @BeforeAll
  static void start() {
    f = new BrokerFixture(c -> c.withSyncTimeout(Duration.ofSeconds(20)));
    operator = ExomarketOperator.start(f.mock.newClient(), OperatorConfig.defaults());
    kubelet = SimulatedKubelet.start(f.mock.newClient(), Duration.ofMillis(100));
  }

  @AfterAll
  static void stop() {
    kubelet.close();
    operator.close();
    f.close();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void exoscaleLifecycle(boolean async) {
    String org = Bodies.newOrg();
    String id = UUID.randomUUID().toString();

    // 1. Provision with users.
    ObjectNode provision = Bodies.provision(SERVICE, SMALL, org);
    Bodies.users((ObjectNode) provision.get("parameters"), "owner@acme.ch", "tech@acme.ch");
    OsbClient.Response created = f.osb.provision(id, provision, async);
    assertThat(created.status()).isEqualTo(async ? 202 : 201);
    assertThat(created.text("dashboard_url")).contains(id);
    finish(id, created, async);
    ManagedServiceInstance msi = f.instance(id);
    assertThat(msi.getStatus().getState()).isEqualTo(InstanceState.Ready);
    assertThat(msi.getSpec().getUsers())
        .extracting(ServiceUser::getEmail)
        .containsExactly("owner@acme.ch", "tech@acme.ch");
    assertThat(created.text("dashboard_url")).isEqualTo(msi.getStatus().getDashboardUrl());

    // 2. The identical request again: 200, nothing written.
    OsbClient.Response again = f.osb.provision(id, provision, async);
    assertThat(again.status()).isEqualTo(200);
    assertThat(f.instance(id).getMetadata().getGeneration())
        .isEqualTo(msi.getMetadata().getGeneration());

    // 3. Same id, different attributes: 409, nothing written.
    OsbClient.Response conflict = f.osb.provision(id, Bodies.provision(SERVICE, LARGE, org), async);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.text("error")).isEqualTo("Conflict");
    assertThat(f.instance(id).getSpec()).isEqualTo(msi.getSpec());
    assertThat(f.instance(id).getMetadata().getGeneration())
        .isEqualTo(msi.getMetadata().getGeneration());

    // 4. User sync: the full list replaces the old one.
    ObjectNode sync = Bodies.update(SERVICE, SMALL);
    Bodies.users(sync.putObject("parameters"), "tech@acme.ch", "new@acme.ch");
    finish(id, expectAccepted(f.osb.update(id, sync, async), async), async);
    msi = f.instance(id);
    assertThat(msi.getSpec().getUsers())
        .extracting(ServiceUser::getEmail)
        .containsExactly("new@acme.ch", "tech@acme.ch");
    assertThat(msi.getStatus().getState()).isEqualTo(InstanceState.Ready);

    // 5. The suspension plan: suspended, plan kept.
    finish(
        id,
        expectAccepted(f.osb.update(id, Bodies.update(SERVICE, SUSPENDED), async), async),
        async);
    msi = f.instance(id);
    assertThat(msi.getSpec().isSuspended()).isTrue();
    assertThat(msi.getSpec().getPlanId()).isEqualTo(SMALL);
    assertThat(msi.getStatus().getState()).isEqualTo(InstanceState.Suspended);

    // 6. Back to the normal plan: resumed.
    finish(
        id, expectAccepted(f.osb.update(id, Bodies.update(SERVICE, SMALL), async), async), async);
    msi = f.instance(id);
    assertThat(msi.getSpec().isSuspended()).isFalse();
    assertThat(msi.getStatus().getState()).isEqualTo(InstanceState.Ready);

    // 7. Plan change.
    finish(
        id, expectAccepted(f.osb.update(id, Bodies.update(SERVICE, LARGE), async), async), async);
    msi = f.instance(id);
    assertThat(msi.getSpec().getPlanId()).isEqualTo(LARGE);
    assertThat(msi.getStatus().getState()).isEqualTo(InstanceState.Ready);
    assertThat(msi.getSpec().getUsers())
        .extracting(ServiceUser::getEmail)
        .containsExactly("new@acme.ch", "tech@acme.ch");

    // 8. Deprovision: synchronously the instance is gone when 200 comes back (the operator is
    // fast here); asynchronously last_operation ends with 410 Gone.
    OsbClient.Response deleted = f.osb.deprovision(id, SERVICE, LARGE, async);
    assertThat(deleted.status()).isEqualTo(async ? 202 : 200);
    if (async) {
      String op = deleted.text("operation");
      await().atMost(TIMEOUT).until(() -> f.osb.lastOperation(id, op).status() == 410);
    } else {
      assertThat(f.instance(id)).isNull();
    }

    // 9. Again: 410.
    assertThat(f.osb.deprovision(id, SERVICE, LARGE, async).status()).isEqualTo(410);
  }

  private static OsbClient.Response expectAccepted(OsbClient.Response r, boolean async) {
    assertThat(r.status()).as(r.raw()).isEqualTo(async ? 202 : 200);
    return r;
  }

  /** Sync: the answer came once the operator was done. Async: poll until it says succeeded. */
  private static void finish(String id, OsbClient.Response accepted, boolean async) {
    if (!async) {
      assertThat(f.instance(id).getStatus().getObservedGeneration())
          .isEqualTo(f.instance(id).getMetadata().getGeneration());
      return;
    }
    String op = accepted.text("operation");
    assertThat(op).isNotBlank();
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              OsbClient.Response poll = f.osb.lastOperation(id, op);
              assertThat(poll.status()).isEqualTo(200);
              assertThat(poll.text("state")).isNotEqualTo("failed");
              if ("in progress".equals(poll.text("state")))
                assertThat(poll.header("Retry-After")).isNotNull();
              return "succeeded".equals(poll.text("state"));
            });
  }
}
