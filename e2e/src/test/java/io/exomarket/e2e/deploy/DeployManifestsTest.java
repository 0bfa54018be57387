package io.exomarket.e2e.deploy;

import static io.exomarket.e2e.deploy.DeployKit.deploy;
import static io.exomarket.e2e.deploy.DeployKit.ofType;
import static io.exomarket.e2e.deploy.DeployKit.parse;
import static io.exomarket.e2e.deploy.DeployKit.read;
import static io.exomarket.e2e.deploy.DeployKit.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Static checks of deploy/: every manifest is a valid typed object, copies are in sync, hardening.
 */
class DeployManifestsTest {
  /**
   * Kinds without a fabric8 model: parsed as GenericKubernetesResource, nothing else may be.
   * SiteSettings is kustomize input only (local-config, never applied).
   */
  private static final Set<String> GENERIC_KINDS =
      Set.of(
          "ServiceMonitor",
          "PrometheusRule",
          "Application",
          "GitRepository",
          "Kustomization",
          "SiteSettings");

  @Test
  void everyManifestParsesIntoTypedObjects() {
    List<Path> files = DeployKit.manifests();
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      List<HasMetadata> objects = parse(file);
      assertThat(objects).as(file.toString()).isNotEmpty();
      for (HasMetadata o : objects) {
        assertThat(o.getMetadata().getName()).as(file + " " + o.getKind()).isNotBlank();
        if (o instanceof GenericKubernetesResource) {
          assertThat(o.getKind())
              .as(file + ": only kinds without a model may stay generic")
              .isIn(GENERIC_KINDS);
        }
      }
    }
  }

  @Test
  void customResourcesParseIntoOurTypes() {
    List<HasMetadata> samples = parse(deploy().resolve("samples/service-offering.yaml"));
    samples.addAll(parse(deploy().resolve("samples/managed-service-instance.yaml")));
    assertThat(ofType(samples, ServiceOffering.class))
        .singleElement()
        .satisfies(o -> assertThat(o.getSpec().getPlans()).isNotEmpty());
    assertThat(ofType(samples, ManagedServiceInstance.class))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.getSpec().getServiceId())
                    .isEqualTo(ofType(samples, ServiceOffering.class).get(0).getSpec().getId()));
  }

  @Test
  void sampleOfferingIsTheTestOffering() {
    String test = read(root().resolve("operator/src/test/resources/sample-offering.yaml"));
    String sample = read(deploy().resolve("samples/service-offering.yaml"));
    assertThat(withoutComments(sample)).isEqualTo(withoutComments(test));
  }

  @Test
  void crdCopiesEqualTheGeneratedCrds() throws IOException {
    Path generated = root().resolve("crds/generated");
    Path copies = deploy().resolve("base/crds");
    Set<String> names = fileNames(generated);
    assertThat(fileNames(copies))
        .as("deploy/base/crds/ holds exactly crds/generated/*.yml")
        .isEqualTo(names);
    for (String name : names) {
      assertThat(Files.mismatch(generated.resolve(name), copies.resolve(name)))
          .as(name + " differs: cp crds/generated/*.yml deploy/base/crds/")
          .isEqualTo(-1L);
      assertThat(parse(copies.resolve(name)))
          .singleElement()
          .isInstanceOf(CustomResourceDefinition.class);
    }
    String kustomization = read(deploy().resolve("base/kustomization.yaml"));
    names.forEach(n -> assertThat(kustomization).contains("crds/" + n));
  }

  @Test
  void argoCdSnippetEmbedsTheHealthCheck() {
    ConfigMap cm = ofType(parse(deploy().resolve("gitops/argocd-cm.yaml")), ConfigMap.class).get(0);
    String lua =
        cm.getData()
            .get("resource.customizations.health.marketplace.exomarket.io_ManagedServiceInstance");
    assertThat(lua).isEqualTo(read(deploy().resolve("gitops/argocd-health.lua")));
    assertThat(lua)
        .contains("\"Stalled\"", "\"Degraded\"", "\"Suspended\"", "\"Healthy\"", "\"Progressing\"");
  }

  @Test
  void deploymentsAreHardenedAndProbed() {
    List<HasMetadata> base = new java.util.ArrayList<>();
    base.addAll(parse(deploy().resolve("base/operator-deployment.yaml")));
    base.addAll(parse(deploy().resolve("base/broker-deployment.yaml")));
    List<Deployment> deployments = ofType(base, Deployment.class);
    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder("exomarket-operator", "exomarket-broker");
    for (Deployment d : deployments) {
      String name = d.getMetadata().getName();
      assertThat(d.getSpec().getReplicas()).as(name).isEqualTo(2);
      var pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
      assertThat(pod.getServiceAccountName()).isEqualTo(name);
      Container c = pod.getContainers().get(0);
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop())
          .as(name)
          .containsExactly("ALL");
      assertThat(c.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/healthz");
      assertThat(c.getStartupProbe().getHttpGet().getPath()).as(name).isEqualTo("/healthz");
      assertThat(c.getEnv())
          .as(name)
          .noneMatch(e -> e.getName().contains("PASSWORD") && e.getValue() != null);
      assertJvmFitsTheLimit(name, c);
    }
    Deployment operator =
        deployments.stream()
            .filter(d -> d.getMetadata().getName().equals("exomarket-operator"))
            .findFirst()
            .orElseThrow();
    Container op = operator.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(op.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("LEADER_ELECTION_NAMESPACE");
              assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                  .isEqualTo("metadata.namespace");
            });
    assertThat(op.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("METERING_SECRET_NAME");
              assertThat(e.getValue()).isEqualTo("exomarket-metering-credentials");
            });
    // /readyz is ready on a standby (it waits for the lease) and on a leader with healthy
    // informers.
    assertThat(op.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    Deployment broker =
        deployments.stream()
            .filter(d -> d.getMetadata().getName().equals("exomarket-broker"))
            .findFirst()
            .orElseThrow();
    assertThat(
            broker
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getReadinessProbe()
                .getHttpGet()
                .getPath())
        .isEqualTo("/readyz");
  }

  @Test
  void secretsOnlyAsPlaceholdersInTheDevOverlay() {
    for (Path file : DeployKit.manifests()) {
      List<Secret> secrets = ofType(parse(file), Secret.class);
      if (secrets.isEmpty()) {
        continue;
      }
      assertThat(deploy().relativize(file).toString()).startsWith("overlays/dev/");
      for (Secret s : secrets) {
        assertThat(s.getData())
            .as(s.getMetadata().getName() + ": stringData placeholders only")
            .isNullOrEmpty();
        assertThat(s.getStringData().values())
            .allSatisfy(v -> assertThat(v).startsWith("REPLACE-ME"));
      }
    }
  }

  /**
   * The JVM's bounded memory (heap, metaspace, code cache, direct buffers) fits under the container
   * limit with room for the rest (threads, JIT, GC, malloc): measured in deploy/README.md, Memory.
   */
  private static void assertJvmFitsTheLimit(String name, Container c) {
    String flags =
        c.getEnv().stream()
            .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(name + ": no JAVA_TOOL_OPTIONS"))
            .getValue();
    long limitMib =
        Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")).longValue() >> 20;
    long bounded = 0;
    for (String flag :
        List.of(
            "-Xmx",
            "-XX:MaxMetaspaceSize=",
            "-XX:ReservedCodeCacheSize=",
            "-XX:MaxDirectMemorySize=")) {
      Matcher m = Pattern.compile(Pattern.quote(flag) + "(\\d+)([mg])").matcher(flags);
      assertThat(m.find()).as(name + ": " + flag + " set explicitly in " + flags).isTrue();
      bounded += Long.parseLong(m.group(1)) * (m.group(2).equals("g") ? 1024 : 1);
    }
    assertThat(flags)
        .as(name)
        .contains("-Xss512k", "-XX:+ExitOnOutOfMemoryError")
        .doesNotContain("MaxRAMPercentage");
    // Measured besides these: at most ~80 MiB (thread stacks, JIT, symbols, CDS, GC) plus malloc
    // slack.
    assertThat(bounded)
        .as(name + ": heap + metaspace + code cache + direct (MiB) vs limit " + limitMib)
        .isLessThanOrEqualTo(limitMib - 96);
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static String withoutComments(String yaml) {
    return yaml.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
  }
}
