package io.exomarket.e2e.deploy;

import static io.exomarket.e2e.deploy.DeployKit.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `kubectl kustomize` builds each overlay into valid objects (skipped without a kubectl). */
class KustomizeBuildTest {
  private static final Optional<Path> KUBECTL = DeployKit.kubectl();

  @Test
  void productionOverlay() throws Exception {
    List<HasMetadata> objects = build("overlays/production");
    assertCommon(objects, 2);
    assertThat(ofType(objects, Secret.class)).as("production never ships Secrets").isEmpty();
    assertThat(ofType(objects, GenericKubernetesResource.class))
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder("ServiceMonitor", "PrometheusRule");
    ConfigMap config = configMap(objects, "exomarket-operator-config");
    assertThat(config.getData()).containsEntry("METERING_API_VARIANT", "PARTNER");
    assertThat(config.getData().get("METERING_ENDPOINT")).startsWith("https://");
    assertThat(configMap(objects, "exomarket-grafana-dashboard").getMetadata().getLabels())
        .containsEntry("grafana_dashboard", "1");
  }

  @Test
  void devOverlay() throws Exception {
    List<HasMetadata> objects = build("overlays/dev");
    assertCommon(objects, 1);
    assertThat(ofType(objects, Secret.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "exomarket-broker-credentials", "exomarket-metering-credentials");
    assertThat(ofType(objects, GenericKubernetesResource.class)).isEmpty();
  }

  @Test
  void samples() throws Exception {
    List<HasMetadata> objects = build("samples");
    assertThat(ofType(objects, ServiceOffering.class)).hasSize(1);
    assertThat(ofType(objects, ManagedServiceInstance.class)).hasSize(1);
  }

  private static void assertCommon(List<HasMetadata> objects, int replicas) {
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "Namespace",
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service",
            "PodDisruptionBudget",
            "NetworkPolicy",
            "ConfigMap");
    assertThat(objects)
        .filteredOn(
            o ->
                !o.getKind().startsWith("Cluster")
                    && !o.getKind().equals("Namespace")
                    && !o.getKind().equals("CustomResourceDefinition"))
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getNamespace())
                    .as(o.getKind() + " " + o.getMetadata().getName())
                    .isEqualTo("exomarket-system"));
    List<Deployment> deployments = ofType(objects, Deployment.class);
    assertThat(deployments)
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(replicas));
    for (Deployment d : deployments) {
      // The generated (hash-suffixed) ConfigMap names are what the Deployments reference.
      String ref =
          d.getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getEnvFrom()
              .get(0)
              .getConfigMapRef()
              .getName();
      assertThat(objects)
          .anyMatch(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(ref));
    }
  }

  private static ConfigMap configMap(List<HasMetadata> objects, String prefix) {
    return ofType(objects, ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  private static List<HasMetadata> build(String dir) throws IOException, InterruptedException {
    assumeTrue(
        KUBECTL.isPresent(),
        "no kubectl found (~/.kubeapitest/k8s/*/kubectl or PATH): kustomize builds of deploy/ not checked");
    Process p =
        new ProcessBuilder(
                KUBECTL.get().toString(), "kustomize", DeployKit.deploy().resolve(dir).toString())
            .redirectErrorStream(false)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(KUBECTL.get() + " kustomize " + dir + ": " + err).isZero();
    List<HasMetadata> objects = DeployKit.parse(new String(out, StandardCharsets.UTF_8));
    assertThat(objects).isNotEmpty();
    return objects;
  }
}
