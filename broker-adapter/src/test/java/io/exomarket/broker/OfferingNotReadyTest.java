package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Conditions;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceOfferingStatus;
import io.exomarket.broker.testing.ApiSnapshot;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An offering the operator found unusable for its current generation (a graph that does not
 * compile, a kind it may not use) takes no new instances: a clear 400 and nothing written. Once the
 * operator's verdict is Ready again, provisioning works.
 */
@MockApiTier
class OfferingNotReadyTest {
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void anOfferingThatIsNotReadyRefusesNewInstancesClearly() {
    verdict(false, Reason.INVALID_TEMPLATE, "resource 'workload' template.spec.replicas: ...");
    ApiSnapshot before = f.snapshot();
    String id = UUID.randomUUID().toString();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              OsbClient.Response refused =
                  f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true);
              assertThat(refused.status()).isEqualTo(400);
              assertThat(refused.text("description"))
                  .contains("its offering is not ready (InvalidTemplate)")
                  .doesNotContain("template.spec.replicas");
            });
    assertThat(f.snapshot()).isEqualTo(before);

    verdict(true, Reason.OFFERING_VALID, "workload graph of 5 resources compiled");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                f.osb
                        .provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true)
                        .status()
                    == 202);
  }

  /** What the operator's OfferingReconciler writes, for the offering's current generation. */
  private static void verdict(boolean ready, Reason reason, String message) {
    ServiceOffering kv = f.client.resources(ServiceOffering.class).withName("kv").get();
    ServiceOfferingStatus status = new ServiceOfferingStatus();
    status.setObservedGeneration(kv.getMetadata().getGeneration());
    status.setConditions(
        new Conditions(
                List.of(),
                kv.getMetadata().getGeneration() == null ? 0 : kv.getMetadata().getGeneration(),
                Instant.now())
            .set(ConditionType.READY, ready, reason, message)
            .build());
    kv.setStatus(status);
    f.client.resource(kv).updateStatus();
  }
}
