package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.MAINTENANCE_VERSION;
import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.testing.ApiSnapshot;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.broker.testing.StatusWriter;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * maintenance_info: an instance runs its plan's version from the provision on; GET returns it; a
 * PATCH naming the plan's current version upgrades (spec.maintenanceVersion, which templates read);
 * another version is 422 MaintenanceInfoConflict and changes nothing.
 */
@MockApiTier
class MaintenanceInfoTest {
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static void ready(String id, OperationType type) {
    StatusWriter.write(
        f.client, f.instance(id), InstanceState.Ready, type, OperationState.SUCCEEDED, "ok");
  }

  @Test
  void anUpgradeToThePlansCurrentVersionIsApplied() {
    String id = UUID.randomUUID().toString();
    f.osb.provision(id, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true);
    assertThat(f.instance(id).getSpec().getMaintenanceVersion()).isEqualTo(MAINTENANCE_VERSION);
    ready(id, OperationType.PROVISION);
    await().atMost(Duration.ofSeconds(5)).until(() -> f.osb.fetch(id).status() == 200);
    OsbClient.Response fetched = f.osb.fetch(id);
    assertThat(fetched.json().at("/maintenance_info/version").asText())
        .isEqualTo(MAINTENANCE_VERSION);
    assertThat(fetched.json().at("/maintenance_info/description").asText())
        .isEqualTo("Key-value 1.2");

    // The vendor publishes 1.3.0; the platform asks for it.
    ServiceOffering kv = f.client.resources(ServiceOffering.class).withName("kv").get();
    kv.getSpec().getPlans().forEach(p -> p.getMaintenanceInfo().setVersion("1.3.0"));
    f.client.resource(kv).update();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.osb.catalog().json().findValuesAsText("version").contains("1.3.0"));

    ObjectNode unknown = Bodies.update(SERVICE, null);
    unknown.putObject("maintenance_info").put("version", "9.9.9");
    ApiSnapshot before = f.snapshot();
    OsbClient.Response conflict = f.osb.update(id, unknown, true);
    assertThat(conflict.status()).isEqualTo(422);
    assertThat(conflict.text("error")).isEqualTo("MaintenanceInfoConflict");
    assertThat(f.snapshot()).isEqualTo(before);

    ObjectNode upgrade = Bodies.update(SERVICE, null);
    upgrade.putObject("maintenance_info").put("version", "1.3.0");
    OsbClient.Response accepted = f.osb.update(id, upgrade, true);
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(f.instance(id).getSpec().getMaintenanceVersion()).isEqualTo("1.3.0");
    ready(id, OperationType.UPDATE);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> "1.3.0".equals(f.osb.fetch(id).json().at("/maintenance_info/version").asText()));
    // The same request again changes nothing: 200.
    assertThat(f.osb.update(id, upgrade, true).status()).isEqualTo(200);
  }
}
