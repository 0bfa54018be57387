package io.exomarket.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.PodSecurityLevel;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.instances.TenantNamespaces;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.tenant.TenantNetworkPolicies;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.ApiServerTier;
import io.exomarket.testkit.junit.RealApiServer;
import io.exomarket.testkit.kube.DeployRbac;
import io.exomarket.testkit.kube.ThirdPartyCrds;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation where Pod Security admission really runs: the broker's tenant namespace refuses
 * a privileged pod, the pod each sample offering renders is admitted under {@code restricted}
 * (dryRun=All: no kubelet needed), and the operator (with its deploy/base RBAC) puts the
 * namespace's default-deny NetworkPolicies in place with exactly the intended rules.
 */
@ApiServerTier
class TenantIsolationOnRealApiServerTest {
  private static final String SYSTEM = "exomarket-system";
  private static final String ORG = "0d8c7a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static RealApiServer api;
  private static KubernetesClient admin;
  private static ExomarketOperator operator;
  private static String ns;

  @BeforeAll
  static void start() throws IOException {
    api = RealApiServer.start();
    admin = api.adminClient();
    Fixtures.namespace(admin, SYSTEM);
    // The acme-db graph sample renders an Ingress: the ingress component's grant too.
    DeployRbac.apply(admin, "base/operator-rbac.yaml", "workload-kinds/ingress/rbac.yaml");
    String token = DeployRbac.token(admin, "exomarket-operator");
    TenantNamespaces tenants =
        new TenantNamespaces(admin, "tenant-", BrokerConfig.forTests("u", "p").tenantGrants());
    tenants.ensure(ORG);
    ns = tenants.namespaceFor(ORG);
    operator = ExomarketOperator.start(api.tokenClient(token), OperatorConfig.defaults());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void aPrivilegedPodIsRefusedInATenantNamespace() {
    awaitRestricted();
    Pod privileged =
        new PodBuilder()
            .withNewMetadata()
            .withName("root")
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("shell")
            .withImage("busybox")
            .withNewSecurityContext()
            .withPrivileged(true)
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();
    assertThatThrownBy(() -> admin.resource(privileged).dryRun().create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
        .hasMessageContaining("violates PodSecurity \"restricted:latest\"")
        .hasMessageContaining("privileged");
  }

  @Test
  void thePodEachSampleRendersIsAdmittedUnderRestricted() {
    awaitRestricted();
    int n = 0;
    for (String file : List.of("service-offering.yaml", "acme-db-graph.yaml")) {
      n++;
      ServiceOffering offering = sample(file);
      // Both samples are acme-db: each gets a name and id of its own here.
      offering.getMetadata().setName("sample-" + n);
      offering.getSpec().setId("5a3b1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5" + n);
      admin.resource(offering).create();
      var msi = Fixtures.instance(ns, "db" + n, "plan-small");
      msi.getSpec().setServiceId(offering.getSpec().getId());
      msi.getSpec().setOrganization(ORG);
      admin.resource(msi).create();
      String name = "db" + n;
      await()
          .atMost(TIMEOUT)
          .until(() -> admin.apps().statefulSets().inNamespace(ns).withName(name).get() != null);
      StatefulSet sts = admin.apps().statefulSets().inNamespace(ns).withName(name).get();
      PodSpec spec = sts.getSpec().getTemplate().getSpec();
      // What the StatefulSet controller adds: the claim of each volumeClaimTemplate.
      sts.getSpec()
          .getVolumeClaimTemplates()
          .forEach(
              t ->
                  spec.getVolumes()
                      .add(
                          new VolumeBuilder()
                              .withName(t.getMetadata().getName())
                              .withNewPersistentVolumeClaim()
                              .withClaimName(t.getMetadata().getName() + "-" + name + "-0")
                              .endPersistentVolumeClaim()
                              .build()));
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName(name + "-0")
              .withNamespace(ns)
              .withLabels(sts.getSpec().getTemplate().getMetadata().getLabels())
              .endMetadata()
              .withSpec(spec)
              .build();
      Pod admitted = admin.resource(pod).dryRun().create();
      assertThat(admitted.getMetadata().getName()).as(file).isEqualTo(name + "-0");
      assertThat(admin.pods().inNamespace(ns).withName(name + "-0").get()).isNull();
    }
  }

  @Test
  void theTenantNetworkPoliciesDenyByDefaultAndAllowExactlyWhatTheyShould() {
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                policy(TenantNetworkPolicies.ALLOW) != null
                    && policy(TenantNetworkPolicies.DEFAULT_DENY) != null);
    NetworkPolicy deny = policy(TenantNetworkPolicies.DEFAULT_DENY);
    assertThat(everyPod(deny.getSpec().getPodSelector())).isTrue();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

    NetworkPolicy allow = policy(TenantNetworkPolicies.ALLOW);
    assertThat(everyPod(allow.getSpec().getPodSelector())).isTrue();
    assertThat(allow.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(allow.getSpec().getIngress()).hasSize(1);
    List<NetworkPolicyPeer> from = allow.getSpec().getIngress().get(0).getFrom();
    assertThat(allow.getSpec().getIngress().get(0).getPorts()).isNullOrEmpty();
    assertThat(from).hasSize(2);
    // Any pod of this namespace (a podSelector alone never reaches out of the namespace)...
    assertThat(from.get(0).getNamespaceSelector()).isNull();
    assertThat(everyPod(from.get(0).getPodSelector())).isTrue();
    // ...and namespaces labelled for provider access, nothing else: no ipBlock, no other tenant.
    assertThat(from.get(1).getPodSelector()).isNull();
    assertThat(from.get(1).getIpBlock()).isNull();
    assertThat(from.get(1).getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of(ApiGroup.PROVIDER_ACCESS_LABEL, "true"));

    assertThat(allow.getSpec().getEgress()).hasSize(2);
    var inside = allow.getSpec().getEgress().get(0);
    assertThat(inside.getTo()).hasSize(1);
    assertThat(inside.getTo().get(0).getNamespaceSelector()).isNull();
    assertThat(everyPod(inside.getTo().get(0).getPodSelector())).isTrue();
    var dns = allow.getSpec().getEgress().get(1);
    assertThat(dns.getTo()).hasSize(1);
    assertThat(dns.getTo().get(0).getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
    assertThat(dns.getTo().get(0).getPodSelector().getMatchLabels())
        .isEqualTo(Map.of("k8s-app", "kube-dns"));
    assertThat(dns.getPorts())
        .extracting(NetworkPolicyPort::getProtocol, p -> p.getPort().getIntVal())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("UDP", 53),
            org.assertj.core.groups.Tuple.tuple("TCP", 53));

    // The API server's defaults do not make the operator rewrite them forever.
    String version = policy(TenantNetworkPolicies.ALLOW).getMetadata().getResourceVersion();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(TIMEOUT)
        .until(
            () ->
                version.equals(
                    policy(TenantNetworkPolicies.ALLOW).getMetadata().getResourceVersion()));
  }

  @Test
  void removedPodSecurityLabelsArePutBackByTheOperatorWithItsOwnRbac() {
    admin
        .namespaces()
        .withName(ns)
        .edit(
            n -> {
              n.getMetadata().getLabels().remove(PodSecurityLevel.ENFORCE_LABEL);
              return n;
            });
    awaitRestricted();
  }

  private static void awaitRestricted() {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(admin.namespaces().withName(ns).get().getMetadata().getLabels())
                    .containsEntry(PodSecurityLevel.ENFORCE_LABEL, "restricted"));
  }

  private static boolean everyPod(LabelSelector selector) {
    return selector != null
        && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  private static NetworkPolicy policy(String name) {
    return admin.network().v1().networkPolicies().inNamespace(ns).withName(name).get();
  }

  private static Path deploy() {
    return ThirdPartyCrds.repositoryRoot().resolve("deploy");
  }

  private static ServiceOffering sample(String file) {
    try (InputStream in = Files.newInputStream(deploy().resolve("samples").resolve(file))) {
      return admin.getKubernetesSerialization().unmarshal(in, ServiceOffering.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
