package io.exomarket.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.e2e.testing.Osb;
import io.exomarket.testkit.junit.E2eTier;
import io.exomarket.testkit.kube.SimulatedCloudNativePg;
import io.exomarket.testkit.metering.RecordedUsage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CloudNativePG sample offering (a third-party custom resource composed by a workload graph)
 * through the Exoscale lifecycle, with the operator and the adapter as separate processes:
 * provision, user sync, suspend (hibernation), resume, plan change, deprovision; usage reported
 * with the offering's own meters, the delivery note sent.
 */
@E2eTier
class ComposedOfferingE2ETest {
  private static final String SERVICE = "4d2e6f1a-8b3c-4a5d-9e7f-1c2b3a4d5e6f";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static E2eEnvironment env;
  private static Osb osb;

  @BeforeAll
  static void start() {
    env = new E2eEnvironment(Duration.ofMillis(200), Duration.ofSeconds(3), true);
    env.startOperator();
    osb = env.startAdapter(0).osb();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void aCloudNativePgInstanceThroughTheExoscaleLifecycle() {
    String org = UUID.randomUUID().toString();
    String id = UUID.randomUUID().toString();
    Osb.Response created =
        osb.provision(id, cnpg(Osb.provisionBody("pg-single", org, "owner@acme.ch")), false);
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    ManagedServiceInstance msi = env.instance(id);
    assertThat(msi.getStatus().getState()).isEqualTo(InstanceState.Ready);
    String ns = msi.getMetadata().getNamespace();
    assertThat(msi.getStatus().getEndpoint())
        .isEqualTo(msi.getMetadata().getName() + "-rw." + ns + ".svc:5432");

    update(id, Osb.updateBody("pg-single", "owner@acme.ch", "tech@acme.ch"));
    assertThat(env.instance(id).getSpec().getUsers()).hasSize(2);

    update(id, Osb.updateBody("pg-suspended"));
    assertThat(env.instance(id).getStatus().getState()).isEqualTo(InstanceState.Suspended);
    assertThat(cluster(msi).getMetadata().getAnnotations())
        .containsEntry(SimulatedCloudNativePg.HIBERNATION, "on");

    update(id, Osb.updateBody("pg-single"));
    assertThat(env.instance(id).getStatus().getState()).isEqualTo(InstanceState.Ready);
    update(id, Osb.updateBody("pg-ha"));
    assertThat(env.instance(id).getStatus().getState()).isEqualTo(InstanceState.Ready);
    assertThat(cluster(msi).<Object>get("spec", "instances")).isEqualTo(3);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(usage(org, "pg_uptime_single")).isPositive();
              assertThat(usage(org, "pg_storage_ha")).isPositive();
              assertThat(env.deliveryNotes().notes()).anyMatch(n -> n.contains(id));
            });

    Osb.Response deleted =
        osb.send(
            "DELETE",
            "/v2/service_instances/" + id + "?service_id=" + SERVICE + "&plan_id=pg-ha",
            null);
    assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
    await().atMost(TIMEOUT).until(() -> env.instance(id) == null);
    assertThat(cluster(msi)).isNull();
  }

  /** A synchronous PATCH, as Exoscale sends it: it answers once the instance has settled. */
  private static void update(String id, ObjectNode body) {
    Osb.Response r = osb.update(id, cnpg(body), false);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
  }

  private static ObjectNode cnpg(ObjectNode body) {
    return body.put("service_id", SERVICE);
  }

  private static GenericKubernetesResource cluster(ManagedServiceInstance msi) {
    return env.client()
        .genericKubernetesResources(SimulatedCloudNativePg.API_VERSION, "Cluster")
        .inNamespace(msi.getMetadata().getNamespace())
        .withName(msi.getMetadata().getName())
        .get();
  }

  private static BigDecimal usage(String org, String variable) {
    return env.sink().reports().stream()
        .filter(r -> r.organization().toString().equals(org) && r.variable().equals(variable))
        .map(RecordedUsage::quantity)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
