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
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kubectl kustomize` builds each overlay into valid objects (skipped without a kubectl). */
class KustomizeBuildTest {
  private static final Optional<Path> KUBECTL = DeployKit.kubectl();

  /** As shipped: no Prometheus Operator kind, so it applies on a cluster without those CRDs. */
  @Test
  void productionOverlay() throws Exception {
    List<HasMetadata> objects = build(DeployKit.deploy().resolve("overlays/production"));
    assertCommon(objects, 2);
    assertThat(ofType(objects, Secret.class)).as("production never ships Secrets").isEmpty();
    assertThat(objects)
        .as("kinds that need the Prometheus Operator's CRDs")
        .noneMatch(o -> o.getApiVersion().startsWith("monitoring.coreos.com/"));
    assertThat(ofType(objects, GenericKubernetesResource.class))
        .as("only built-in kinds and our CRDs' kinds")
        .isEmpty();
    ConfigMap config = configMap(objects, "exomarket-operator-config");
    assertThat(config.getData()).containsEntry("METERING_API_VARIANT", "PARTNER");
    assertThat(config.getData().get("METERING_ENDPOINT")).startsWith("https://");
    // site-settings.yaml is kustomize's input only; its values reach the NetworkPolicies.
    assertThat(objects).noneMatch(o -> o.getKind().equals("SiteSettings"));
    assertThat(operatorMetricsFrom(objects)).isEqualTo("monitoring");
    assertThat(webhookPort(objects)).isEqualTo(443);
  }

  /**
   * What deploy/README.md tells the vendor to do, on a copy of deploy/: set site-settings.yaml and
   * uncomment the monitoring component. The values reach the NetworkPolicies and the dashboard.
   */
  @Test
  void productionOverlayWithMonitoringAndOwnSettings(@TempDir Path copy) throws Exception {
    copyTree(DeployKit.deploy(), copy);
    Path overlay = copy.resolve("overlays/production");
    edit(
        overlay.resolve("kustomization.yaml"),
        Map.of("# components:\n#   - ../../monitoring\n", "components:\n  - ../../monitoring\n"));
    edit(
        overlay.resolve("site-settings.yaml"),
        Map.of(
            "monitoringNamespace: monitoring\n", "monitoringNamespace: prometheus\n",
            "deliveryWebhookPort: 443\n", "deliveryWebhookPort: 8443\n",
            "grafanaDashboardNamespace: monitoring\n", "grafanaDashboardNamespace: grafana\n"));
    List<HasMetadata> objects = build(overlay);
    assertCommon(objects, 2);
    assertThat(ofType(objects, GenericKubernetesResource.class))
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder("ServiceMonitor", "PrometheusRule");
    ConfigMap dashboard = configMap(objects, "exomarket-grafana-dashboard");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("grafana");
    assertThat(dashboard.getData().get("grafana-dashboard.json"))
        .contains("exomarket_usage_reports_uncertain");
    assertThat(operatorMetricsFrom(objects)).isEqualTo("prometheus");
    assertThat(webhookPort(objects)).isEqualTo(8443);
  }

  @Test
  void devOverlay() throws Exception {
    List<HasMetadata> objects = build(DeployKit.deploy().resolve("overlays/dev"));
    assertCommon(objects, 1);
    assertThat(ofType(objects, Secret.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "exomarket-broker-credentials", "exomarket-metering-credentials");
    assertThat(ofType(objects, GenericKubernetesResource.class)).isEmpty();
  }

  @Test
  void samples() throws Exception {
    List<HasMetadata> objects = build(DeployKit.deploy().resolve("samples"));
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
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "Deployment",
            "Service",
            "PodDisruptionBudget",
            "NetworkPolicy",
            "ConfigMap");
    assertThat(objects)
        .filteredOn(
            o ->
                !o.getKind().startsWith("Cluster")
                    && !o.getKind().startsWith("ValidatingAdmissionPolicy")
                    && !o.getKind().equals("Namespace")
                    && !o.getKind().equals("CustomResourceDefinition")
                    && !o.getMetadata().getName().equals("exomarket-grafana-dashboard"))
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

  private static NetworkPolicy policy(List<HasMetadata> objects, String name) {
    return ofType(objects, NetworkPolicy.class).stream()
        .filter(p -> p.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
  }

  /** The namespace allowed to scrape the operator. */
  private static String operatorMetricsFrom(List<HasMetadata> objects) {
    return policy(objects, "allow-operator-metrics")
        .getSpec()
        .getIngress()
        .get(0)
        .getFrom()
        .get(0)
        .getNamespaceSelector()
        .getMatchLabels()
        .get("kubernetes.io/metadata.name");
  }

  private static Integer webhookPort(List<HasMetadata> objects) {
    return policy(objects, "allow-operator-egress-delivery-webhook")
        .getSpec()
        .getEgress()
        .get(0)
        .getPorts()
        .get(0)
        .getPort()
        .getIntVal();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Replaces each text exactly once: the documented edit must still apply to the shipped file. */
  private static void edit(Path file, Map<String, String> replacements) throws IOException {
    String text = Files.readString(file);
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      assertThat(text).as(file + " has the line the README tells to edit").contains(r.getKey());
      text = text.replace(r.getKey(), r.getValue());
    }
    Files.writeString(file, text);
  }

  private static List<HasMetadata> build(Path dir) throws IOException, InterruptedException {
    assumeTrue(
        KUBECTL.isPresent(),
        "no kubectl found (~/.kubeapitest/k8s/*/kubectl or PATH): kustomize builds of deploy/ not checked");
    Process p =
        new ProcessBuilder(KUBECTL.get().toString(), "kustomize", dir.toString())
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
