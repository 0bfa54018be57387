package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restarts and lost status never duplicate a resource nor repeat a side effect. */
@MockApiTier
class OperatorRestartTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** No kubelet of its own: the tests start one when they want workloads to become ready. */
  @RegisterExtension final OperatorHarness harness = OperatorHarness.onMock().readyDelay(null);

  private KubernetesClient client;

  @BeforeEach
  void start() {
    client = harness.client();
  }

  private Map<String, String> passwords(String ns) {
    return client.secrets().inNamespace(ns).list().getItems().stream()
        .collect(
            Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getData().get("password")));
  }

  @Test
  void restartInTheMiddleOfProvisioningConvergesWithoutDuplicates() {
    String ns = "tenant-restart";
    Fixtures.namespace(client, ns);
    List<ManagedServiceInstance> instances = new ArrayList<>();
    // No kubelet yet: the workloads never become ready, so the operator stops mid-provisioning.
    ExomarketOperator first =
        ExomarketOperator.start(harness.newClient(), OperatorConfig.defaults());
    for (int i = 0; i < 20; i++) {
      instances.add(client.resource(Fixtures.instance(ns, "db-" + i, SMALL)).create());
    }
    await()
        .atMost(TIMEOUT)
        .until(() -> client.apps().statefulSets().inNamespace(ns).list().getItems().size() >= 10);
    first.close();
    Map<String, String> before = passwords(ns);
    assertThat(before).isNotEmpty();
    assertThat(client.resources(ManagedServiceInstance.class).inNamespace(ns).list().getItems())
        .anySatisfy(
            i ->
                assertThat(i.getStatus())
                    .extracting(s -> s.getState())
                    .isEqualTo(InstanceState.Provisioning));

    try (ExomarketOperator second =
            ExomarketOperator.start(harness.newClient(), OperatorConfig.defaults());
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(harness.newClient(), Duration.ofMillis(50))) {
      Awaits.awaitAll(client, instances, InstanceState.Ready, TIMEOUT);

      assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).hasSize(20);
      assertThat(client.secrets().inNamespace(ns).list().getItems()).hasSize(20);
      assertThat(client.services().inNamespace(ns).list().getItems()).hasSize(20);
      assertThat(client.configMaps().inNamespace(ns).list().getItems()).hasSize(20);
      assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems())
          .hasSize(20);
      Map<String, String> after = passwords(ns);
      before.forEach((name, password) -> assertThat(after).containsEntry(name, password));
      assertThat(client.resources(ManagedServiceInstance.class).inNamespace(ns).list().getItems())
          .allSatisfy(
              i -> {
                assertThat(i.getStatus().getLastOperation().getType())
                    .isEqualTo(OperationType.PROVISION);
                assertThat(i.getStatus().getLastOperation().getState())
                    .isEqualTo(OperationState.SUCCEEDED);
              });
    }
  }

  @Test
  void lostStatusRepeatsNothing() {
    String ns = "tenant-lost-status";
    Fixtures.namespace(client, ns);
    try (ExomarketOperator operator =
            ExomarketOperator.start(harness.newClient(), OperatorConfig.defaults());
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(harness.newClient(), Duration.ofMillis(50))) {
      ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
      ManagedServiceInstance ready = Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      Secret secret = client.secrets().inNamespace(ns).withName("db-credentials").get();
      String stsVersion =
          client
              .apps()
              .statefulSets()
              .inNamespace(ns)
              .withName("db")
              .get()
              .getMetadata()
              .getResourceVersion();

      // A restore from backup or a careless edit wipes the status, then something pokes the
      // instance.
      ready.setStatus(new ManagedServiceInstanceStatus());
      client.resource(ready).updateStatus();
      client
          .resource(client.resource(msi).get())
          .edit(
              m -> {
                m.getMetadata().getAnnotations().put("touched", "yes");
                return m;
              });

      ManagedServiceInstance again = Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      assertThat(again.getStatus().getBillableSince()).isNotNull();
      Secret after = client.secrets().inNamespace(ns).withName("db-credentials").get();
      assertThat(after.getData()).isEqualTo(secret.getData());
      assertThat(after.getMetadata().getUid()).isEqualTo(secret.getMetadata().getUid());
      assertThat(
              client
                  .apps()
                  .statefulSets()
                  .inNamespace(ns)
                  .withName("db")
                  .get()
                  .getMetadata()
                  .getResourceVersion())
          .isEqualTo(stsVersion);
    }
  }

  @Test
  void twoHundredInstancesAtOnceAllBecomeReady() {
    List<ManagedServiceInstance> instances = new ArrayList<>();
    try (ExomarketOperator operator =
            ExomarketOperator.start(harness.newClient(), OperatorConfig.defaults());
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(harness.newClient(), Duration.ofMillis(20))) {
      for (int t = 0; t < 20; t++) {
        Fixtures.namespace(client, "tenant-bulk-" + t);
      }
      for (int i = 0; i < 200; i++) {
        instances.add(
            client
                .resource(Fixtures.instance("tenant-bulk-" + (i % 20), "db-" + i, SMALL))
                .create());
      }
      Awaits.awaitAll(client, instances, InstanceState.Ready, Duration.ofMinutes(3));
      assertThat(client.apps().statefulSets().inAnyNamespace().list().getItems()).hasSize(200);
      assertThat(client.resourceQuotas().inAnyNamespace().list().getItems())
          .hasSize(20)
          .allSatisfy(
              q -> assertThat(q.getSpec().getHard().get("pods").getAmount()).isEqualTo("10"));
    }
  }
}
