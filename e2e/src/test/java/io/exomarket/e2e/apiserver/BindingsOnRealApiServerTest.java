package io.exomarket.e2e.apiserver;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceBindingSpec;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.binding.BindingReconciler;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.ApiServerTier;
import io.exomarket.testkit.junit.RealApiServer;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bindings on a real kube-apiserver: the CRD's schema and immutable fields, the status subresource
 * and the binding finalizer with the operator's write strategy, the Secret it owns, {@code kubectl
 * get msb} (Instance, Ready, Age), and unbind revoking the credential.
 */
@ApiServerTier
class BindingsOnRealApiServerTest {
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
    if (api != null) api.close();
  }

  private static ManagedServiceBinding binding(ManagedServiceInstance instance, String name) {
    ManagedServiceBinding binding = new ManagedServiceBinding();
    binding.getMetadata().setName(name);
    binding.getMetadata().setNamespace(instance.getMetadata().getNamespace());
    ManagedServiceBindingSpec spec = new ManagedServiceBindingSpec();
    spec.setInstanceName(instance.getMetadata().getName());
    spec.setInstanceId(instance.getSpec().getInstanceId());
    spec.setBindingId(UUID.randomUUID().toString());
    binding.setSpec(spec);
    return binding;
  }

  @Test
  void theOperatorBindsAndUnbinds() throws Exception {
    String ns = "tenant-bindings";
    Fixtures.namespace(client, ns);
    try (ExomarketOperator operator =
            ExomarketOperator.start(api.adminClient(), OperatorConfig.defaults());
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(api.adminClient(), Duration.ofMillis(50))) {
      ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
      Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);

      ManagedServiceBinding created = client.resource(binding(msi, "app")).create();
      await()
          .atMost(TIMEOUT)
          .until(() -> OperationProgress.ofBinding(client.resource(created).get()).succeeded());
      ManagedServiceBinding bound = client.resource(created).get();
      assertThat(bound.getMetadata().getFinalizers()).containsExactly(BindingReconciler.FINALIZER);
      assertThat(bound.getStatus().isConditionTrue(ConditionType.READY)).isTrue();
      Secret secret = client.secrets().inNamespace(ns).withName("app-credentials").get();
      assertThat(secret.getData()).containsKeys("username", "password", "credentials.json");
      assertThat(secret.getMetadata().getOwnerReferences().get(0).getUid())
          .isEqualTo(bound.getMetadata().getUid());

      // The ids are immutable (CEL), as for instances.
      ManagedServiceBinding moved = client.resource(created).get();
      moved.getSpec().setInstanceName("another");
      assertThatThrownBy(() -> client.resource(moved).update())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
          .hasMessageContaining("instanceName is immutable");

      assertThat(header(kubectl("get", "msb", "-n", ns))).matches("NAME +INSTANCE +READY +AGE");
      assertThat(kubectl("get", "msb", "-n", ns)).contains("app", "db", "True");
      assertThat(header(kubectl("get", "msb", "-n", ns, "-o", "wide")))
          .matches("NAME +INSTANCE +READY +AGE +STATE +BINDING ID");

      client.resource(bound).delete();
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  client.resource(created).get() == null
                      && client.secrets().inNamespace(ns).withName("app-credentials").get()
                          == null);
    }
  }

  private static String header(String table) {
    return table.lines().findFirst().orElse("").strip();
  }

  private static String kubectl(String... args) throws IOException, InterruptedException {
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfig, api.kubeconfigYaml());
    List<String> command =
        new ArrayList<>(List.of(api.kubectl().toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    Files.deleteIfExists(kubeconfig);
    return output;
  }
}
