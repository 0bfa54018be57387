package io.exomarket.e2e.apiserver;

import static io.exomarket.operator.testing.Fixtures.LARGE;
import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.ApiServerTier;
import io.exomarket.testkit.junit.RealApiServer;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The behaviour the fabric8 mock cannot show, on a real kube-apiserver: schema and CEL validation
 * of our CRDs, the status subresource, optimistic locking, finalizers and deletion, the patch
 * strategy the operator uses in production, Table output of printer columns, and leader election.
 */
@ApiServerTier
class RealApiServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static RealApiServer api;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    api = RealApiServer.start();
    client = api.adminClient();
    Fixtures.installOffering(client);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void schemaAndCelRejectBadSpecs() {
    Fixtures.namespace(client, "tenant-schema");
    // Any organization id OSB allows (CloudFoundry style), but not an empty or unbounded one.
    ManagedServiceInstance badOrg = Fixtures.instance("tenant-schema", "bad-org", SMALL);
    badOrg.getSpec().setOrganization("o".repeat(256));
    assertThatThrownBy(() -> client.resource(badOrg).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.organization");

    ManagedServiceInstance noPlan = Fixtures.instance("tenant-schema", "no-plan", SMALL);
    noPlan.getSpec().setPlanId(null);
    assertThatThrownBy(() -> client.resource(noPlan).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.planId");

    ManagedServiceInstance ok =
        client.resource(Fixtures.instance("tenant-schema", "immutable", SMALL)).create();
    ok.getSpec().setInstanceId("another-id");
    assertThatThrownBy(() -> client.resource(ok).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("instanceId is immutable");
    ManagedServiceInstance fresh = client.resource(ok).get();
    fresh.getSpec().setOrganization("0f7e6a52-1c1d-4c7e-9a51-2d7e1c6b7a00");
    assertThatThrownBy(() -> client.resource(fresh).update())
        .hasMessageContaining("organization is immutable");
  }

  @Test
  void statusIsASubresourceWithOptimisticLocking() {
    Fixtures.namespace(client, "tenant-status");
    ManagedServiceInstance created =
        client.resource(Fixtures.instance("tenant-status", "db", SMALL)).create();
    ManagedServiceInstance withStatus = client.getKubernetesSerialization().clone(created);
    withStatus.getStatus().setState(InstanceState.Ready);
    ManagedServiceInstance afterMainUpdate = client.resource(withStatus).update();
    assertThat(
            afterMainUpdate.getStatus() == null || afterMainUpdate.getStatus().getState() == null)
        .as("a write of the main resource ignores status")
        .isTrue();

    assertThat(afterMainUpdate.getMetadata().getGeneration())
        .isEqualTo(created.getMetadata().getGeneration());

    // Someone else changes the spec: a status write based on the old version must conflict.
    afterMainUpdate.getSpec().setPlanId(LARGE);
    ManagedServiceInstance changed = client.resource(afterMainUpdate).update();
    assertThat(changed.getMetadata().getGeneration())
        .isEqualTo(created.getMetadata().getGeneration() + 1);
    ManagedServiceInstance stale = client.getKubernetesSerialization().clone(created);
    stale.getStatus().setState(InstanceState.Failed);
    assertThatThrownBy(() -> client.resource(stale).updateStatus())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void theOperatorDrivesTheWholeLifecycle() throws Exception {
    String ns = "tenant-lifecycle";
    Fixtures.namespace(client, ns);
    try (ExomarketOperator operator =
            ExomarketOperator.start(api.adminClient(), OperatorConfig.defaults());
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(api.adminClient(), Duration.ofMillis(50))) {
      ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
      ManagedServiceInstance ready = Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      assertThat(ready.getMetadata().getFinalizers()).containsExactly(ApiGroup.NAME + "/finalizer");
      assertThat(ready.getStatus().getConditions())
          .extracting(c -> c.getType())
          .contains("Ready", "Reconciling", "Stalled", "Suspended");

      edit(msi, m -> m.getSpec().setPlanId(LARGE));
      ManagedServiceInstance updated = Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      assertThat(updated.getStatus().getLastOperation().getType()).isEqualTo(OperationType.UPDATE);
      assertThat(
              client
                  .apps()
                  .statefulSets()
                  .inNamespace(ns)
                  .withName("db")
                  .get()
                  .getSpec()
                  .getReplicas())
          .isEqualTo(2);

      edit(msi, m -> m.getSpec().setSuspended(true));
      Awaits.awaitState(client, msi, InstanceState.Suspended, TIMEOUT);
      edit(msi, m -> m.getSpec().setSuspended(false));
      Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);

      assertThat(kubectl("get", "msi", "-n", ns))
          .contains("PLAN", "STATE", "READY", "SUSPENDED", "ORG", "AGE")
          .contains("plan-large", "Ready", "True", "false", Fixtures.ORG);
      assertThat(kubectl("get", "msi", "-n", ns, "-o", "wide"))
          .contains("INSTANCE ID", "MESSAGE", msi.getSpec().getInstanceId(), "all resources ready");
      // The order SREs read them in, Age last as kubectl does (the CRD generator sorts by path).
      assertThat(header(kubectl("get", "msi", "-n", ns)))
          .matches("NAME +PLAN +STATE +READY +SUSPENDED +ORG +AGE");
      assertThat(header(kubectl("get", "msi", "-n", ns, "-o", "wide")))
          .matches("NAME +PLAN +STATE +READY +SUSPENDED +ORG +AGE +MESSAGE +VERSION +INSTANCE ID");
      assertThat(header(kubectl("get", "offering")))
          .matches("NAME +SERVICE ID +SERVICE +SUSPENSION PLAN +READY +MESSAGE +AGE");

      client.resource(client.resource(msi).get()).delete();
      await().atMost(TIMEOUT).until(() -> client.resource(msi).get() == null);
      assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
      assertThat(client.secrets().inNamespace(ns).list().getItems())
          .noneMatch(s -> s.getMetadata().getName().startsWith("db-"));
      assertThat(client.configMaps().inNamespace(ns).withName("db-users").get()).isNull();
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(client.resourceQuotas().inNamespace(ns).list().getItems()).isEmpty());
    }
  }

  @Test
  void onlyTheLeaderReconcilesAndAFollowerTakesOver() {
    Fixtures.namespace(client, "exomarket-system");
    Fixtures.namespace(client, "tenant-leader");
    OperatorConfig config = OperatorConfig.defaults().withLeaderElection("exomarket-system");
    ExomarketOperator first = ExomarketOperator.start(api.adminClient(), config);
    await()
        .atMost(TIMEOUT)
        .until(() -> lease() != null && lease().getSpec().getHolderIdentity() != null);
    String leader = lease().getSpec().getHolderIdentity();
    try (SimulatedKubelet kubelet =
            SimulatedKubelet.start(api.adminClient(), Duration.ofMillis(20));
        ExomarketOperator second = ExomarketOperator.start(api.adminClient(), config)) {
      Awaits.awaitState(
          client,
          client.resource(Fixtures.instance("tenant-leader", "one", SMALL)).create(),
          InstanceState.Ready,
          TIMEOUT);
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leader);

      first.close();
      Awaits.awaitState(
          client,
          client.resource(Fixtures.instance("tenant-leader", "two", SMALL)).create(),
          InstanceState.Ready,
          TIMEOUT);
      assertThat(lease().getSpec().getHolderIdentity()).isNotEqualTo(leader);
    }
  }

  private static Lease lease() {
    return client
        .leases()
        .inNamespace("exomarket-system")
        .withName(OperatorConfig.LEASE_NAME)
        .get();
  }

  private static void edit(
      ManagedServiceInstance msi, java.util.function.Consumer<ManagedServiceInstance> change) {
    client
        .resource(client.resource(msi).get())
        .edit(
            m -> {
              change.accept(m);
              return m;
            });
  }

  private static String header(String table) {
    return table.lines().findFirst().orElse("").strip();
  }

  private static String kubectl(String... args) throws IOException, InterruptedException {
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfig, api.kubeconfigYaml());
    List<String> command =
        new java.util.ArrayList<>(
            List.of(api.kubectl().toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    Files.deleteIfExists(kubeconfig);
    return output;
  }
}
