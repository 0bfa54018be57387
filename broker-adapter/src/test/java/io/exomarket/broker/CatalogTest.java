package io.exomarket.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.TestOfferings;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog comes from the ServiceOffering resources and follows them without a restart. */
@MockApiTier
class CatalogTest {
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static JsonNode service(String id) {
    JsonNode services = f.osb.catalog().json().get("services");
    return StreamSupport.stream(services.spliterator(), false)
        .filter(s -> s.get("id").asText().equals(id))
        .findFirst()
        .orElse(null);
  }

  private static List<String> planIds(JsonNode service) {
    List<String> ids = new ArrayList<>();
    service.get("plans").forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }

  @Test
  void catalogListsServicesWithTheirPlansAndTheSuspensionPlan() {
    JsonNode kv = service(TestOfferings.SERVICE);
    assertThat(kv.get("name").asText()).isEqualTo("kv");
    // bindable and bindings_retrievable come from the offering, the plans inherit bindable.
    assertThat(kv.get("bindable").asBoolean()).isTrue();
    assertThat(kv.get("bindings_retrievable").asBoolean()).isTrue();
    assertThat(kv.at("/plans/0/bindable").asBoolean()).isTrue();
    assertThat(kv.get("plan_updateable").asBoolean()).isTrue();
    assertThat(kv.get("instances_retrievable").asBoolean()).isTrue();
    assertThat(planIds(kv))
        .containsExactly(TestOfferings.SMALL, TestOfferings.LARGE, TestOfferings.SUSPENDED);
    JsonNode small = kv.get("plans").get(0);
    assertThat(small.at("/maintenance_info/version").asText())
        .isEqualTo(TestOfferings.MAINTENANCE_VERSION);
    assertThat(small.at("/schemas/service_instance/create/parameters/$schema").asText())
        .contains("draft-04");
    JsonNode suspension = kv.get("plans").get(2);
    assertThat(suspension.get("name").asText()).isEqualTo("suspended");
    assertThat(suspension.get("free").asBoolean()).isTrue();

    JsonNode fixed = service(TestOfferings.FIXED_SERVICE);
    assertThat(fixed.get("plan_updateable").asBoolean()).isFalse();
    assertThat(fixed.get("instances_retrievable").asBoolean()).isFalse();
    assertThat(fixed.get("bindable").asBoolean()).isFalse();
    assertThat(fixed.get("bindings_retrievable").asBoolean()).isFalse();
    assertThat(fixed.at("/plans/0/bindable").asBoolean()).isFalse();
  }

  @Test
  void offeringsAddedOrChangedAtRuntimeShowUpWithoutARestart() {
    ServiceOffering added =
        TestOfferings.offering(
            "runtime",
            "svc-runtime",
            "runtime",
            "runtime-suspended",
            true,
            List.of(TestOfferings.plan("runtime-a", "a", null)));
    f.client.resource(added).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> service("svc-runtime") != null);
    assertThat(planIds(service("svc-runtime"))).containsExactly("runtime-a", "runtime-suspended");

    f.client
        .resources(ServiceOffering.class)
        .withName("runtime")
        .edit(
            o -> {
              o.getSpec().getPlans().add(TestOfferings.plan("runtime-b", "b", null));
              o.getSpec().setDescription("changed");
              return o;
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> planIds(service("svc-runtime")).contains("runtime-b"));
    assertThat(service("svc-runtime").get("description").asText()).isEqualTo("changed");

    f.client.resources(ServiceOffering.class).withName("runtime").delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> service("svc-runtime") == null);
  }
}
