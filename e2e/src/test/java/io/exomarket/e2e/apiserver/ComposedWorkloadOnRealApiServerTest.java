package io.exomarket.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.ApiServerTier;
import io.exomarket.testkit.junit.RealApiServer;
import io.exomarket.testkit.kube.SimulatedCloudNativePg;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.kube.ThirdPartyCrds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CloudNativePG sample offering against CloudNativePG's own CRDs (as released, from its Go
 * module) on a real kube-apiserver: the rendered Cluster passes the real schema through the
 * lifecycle, and an object the schema refuses stalls the instance with the API server's words.
 */
@ApiServerTier
class ComposedWorkloadOnRealApiServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static RealApiServer api;
  private static KubernetesClient client;
  private static boolean realCrds;

  @BeforeAll
  static void start() {
    api = RealApiServer.start();
    client = api.adminClient();
    realCrds = ThirdPartyCrds.installRealCloudNativePg(client);
    System.out.println(
        "CloudNativePG CRDs: "
            + (realCrds
                ? "as released (" + ThirdPartyCrds.CNPG_VERSION + ")"
                : "the committed stand-ins (run e2e/control-plane/third-party-crds.sh)"));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void aClusterPassesTheRealSchemaThroughTheLifecycle() {
    ServiceOffering offering = Fixtures.sample(client, "cnpg-postgres.yaml");
    client.resource(offering).create();
    String ns = "tenant-cnpg";
    Fixtures.namespace(client, ns);
    try (ExomarketOperator operator =
            ExomarketOperator.start(api.adminClient(), OperatorConfig.defaults());
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(api.adminClient(), Duration.ofMillis(50));
        SimulatedCloudNativePg cnpg =
            SimulatedCloudNativePg.start(api.adminClient(), Duration.ofMillis(50))) {
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> assertThat(ready(client.resource(offering).get())).isEqualTo("True"));
      ManagedServiceInstance msi = Fixtures.instance(ns, "pg", "pg-single");
      msi.getSpec().setServiceId(offering.getSpec().getId());
      client.resource(msi).create();
      ManagedServiceInstance ready = Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      assertThat(ready.getStatus().getEndpoint()).isEqualTo("pg-rw." + ns + ".svc:5432");
      GenericKubernetesResource cluster = cluster(ns, "pg");
      assertThat(cluster.<Object>get("spec", "instances")).isEqualTo(1);
      assertThat(cluster.<Object>get("spec", "storage", "size")).isEqualTo("20Gi");

      Fixtures.edit(client, msi, m -> m.getSpec().setSuspended(true));
      Awaits.awaitState(client, msi, InstanceState.Suspended, TIMEOUT);
      Fixtures.edit(client, msi, m -> m.getSpec().setSuspended(false));
      Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      Fixtures.edit(client, msi, m -> m.getSpec().setPlanId("pg-ha"));
      Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      assertThat(cluster(ns, "pg").<Object>get("spec", "instances")).isEqualTo(3);

      client.resource(client.resource(msi).get()).delete();
      await().atMost(TIMEOUT).until(() -> client.resource(msi).get() == null);
      assertThat(cluster(ns, "pg")).isNull();
    }
  }

  @Test
  void anObjectTheSchemaRefusesStallsTheInstanceWithTheApiServersWords() {
    ServiceOffering offering = Fixtures.sample(client, "cnpg-postgres.yaml");
    offering.getMetadata().setName("zero-pg");
    offering.getSpec().setId("0e0e0e0e-1111-4222-8333-444455556666");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>)
            offering.getSpec().getWorkload().getResources().get(0).getTemplate().get("spec");
    spec.put("instances", "${plan.resources.replicas - 1}");
    client.resource(offering).create();
    String ns = "tenant-cnpg-zero";
    Fixtures.namespace(client, ns);
    try (ExomarketOperator operator =
        ExomarketOperator.start(api.adminClient(), OperatorConfig.defaults())) {
      ManagedServiceInstance msi = Fixtures.instance(ns, "pg", "pg-single");
      msi.getSpec().setServiceId(offering.getSpec().getId());
      client.resource(msi).create();
      ManagedServiceInstance failed = Awaits.awaitState(client, msi, InstanceState.Failed, TIMEOUT);
      Condition stalled = failed.getStatus().condition(ConditionType.STALLED).orElseThrow();
      assertThat(stalled.getReason()).isEqualTo(Reason.WORKLOAD_REJECTED.value());
      assertThat(stalled.getMessage())
          .contains("resource 'cluster'", "422", "should be greater than or equal to 1");
      assertThat(cluster(ns, "pg")).isNull();
    }
  }

  private static String ready(ServiceOffering offering) {
    return offering == null || offering.getStatus() == null
        ? null
        : offering
            .getStatus()
            .condition(ConditionType.READY)
            .map(Condition::getStatus)
            .orElse(null);
  }

  private static GenericKubernetesResource cluster(String ns, String name) {
    return client
        .genericKubernetesResources(SimulatedCloudNativePg.API_VERSION, "Cluster")
        .inNamespace(ns)
        .withName(name)
        .get();
  }
}
