package io.exomarket.operator.tenant;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.tenant.TenantGrant;
import io.exomarket.api.v1alpha1.PodSecurityLevel;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's grant, Pod Security labels and default-deny NetworkPolicies on tenant namespaces,
 * kept in place.
 */
@MockApiTier
class TenantIsolationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.onMock().operator(c -> c.withHttpPort(-1));

  @Test
  void aTenantNamespaceIsRestrictedAndDeniesByDefaultWhateverHappensToIt() {
    KubernetesClient client = harness.client();
    String ns = "tenant-iso";
    Fixtures.tenantNamespace(client, ns);

    awaitEnforced(client, ns, "restricted");
    await().atMost(TIMEOUT).until(() -> policy(client, ns, TenantNetworkPolicies.ALLOW) != null);
    NetworkPolicy deny = policy(client, ns, TenantNetworkPolicies.DEFAULT_DENY);
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

    // Removed by hand: put back.
    client
        .namespaces()
        .withName(ns)
        .edit(
            n -> {
              n.getMetadata().getLabels().remove(PodSecurityLevel.ENFORCE_LABEL);
              return n;
            });
    awaitEnforced(client, ns, "restricted");
    client.resource(deny).delete();
    await()
        .atMost(TIMEOUT)
        .until(() -> policy(client, ns, TenantNetworkPolicies.DEFAULT_DENY) != null);

    // An offering that needs baseline lowers enforce (audit and warn stay restricted) while one of
    // its instances lives there.
    setOffering(client, PodSecurityLevel.BASELINE);
    try {
      client.resource(Fixtures.instance(ns, "db", SMALL)).create();
      awaitEnforced(client, ns, "baseline");
      assertThat(client.namespaces().withName(ns).get().getMetadata().getLabels())
          .containsEntry(PodSecurityLevel.AUDIT_LABEL, "restricted")
          .containsEntry(PodSecurityLevel.WARN_LABEL, "restricted");
    } finally {
      setOffering(client, PodSecurityLevel.RESTRICTED);
    }
    awaitEnforced(client, ns, "restricted");
  }

  @Test
  void theOperatorsGrantIsMadeInATenantNamespaceAndPutBackWhenRemovedOrAltered() {
    KubernetesClient client = harness.client();
    String ns = "tenant-grant";
    Fixtures.tenantNamespace(client, ns);
    TenantGrant grant = TenantGrant.operator(java.util.Map.of());
    await().atMost(TIMEOUT).until(() -> grant.isGrantedBy(roleBinding(client, ns)));
    RoleBinding made = roleBinding(client, ns);
    assertThat(made.getRoleRef().getName()).isEqualTo(TenantGrant.OPERATOR_ROLE);
    assertThat(made.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getNamespace()).isEqualTo("exomarket-system");
              assertThat(s.getName()).isEqualTo("exomarket-operator");
            });

    // Removed by hand: put back.
    client.resource(made).delete();
    await().atMost(TIMEOUT).until(() -> grant.isGrantedBy(roleBinding(client, ns)));
    // Altered (granted to someone else): made anew for the operator only.
    RoleBinding current = roleBinding(client, ns);
    current.getSubjects().get(0).setName("intruder");
    current.getMetadata().setResourceVersion(null);
    client.resource(current).update();
    await().atMost(TIMEOUT).until(() -> grant.isGrantedBy(roleBinding(client, ns)));
    assertThat(roleBinding(client, ns).getSubjects()).hasSize(1);
  }

  @Test
  void aNamespaceThatIsNoTenantsIsLeftAlone() {
    KubernetesClient client = harness.client();
    String ns = "not-a-tenant";
    Fixtures.namespace(client, ns);
    client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(TIMEOUT)
        .until(() -> policy(client, ns, TenantNetworkPolicies.DEFAULT_DENY) == null);
    assertThat(client.namespaces().withName(ns).get().getMetadata().getLabels())
        .doesNotContainKey(PodSecurityLevel.ENFORCE_LABEL);
    assertThat(roleBinding(client, ns)).isNull();
  }

  private static RoleBinding roleBinding(KubernetesClient client, String ns) {
    return client.rbac().roleBindings().inNamespace(ns).withName(TenantGrant.OPERATOR_ROLE).get();
  }

  private static void awaitEnforced(KubernetesClient client, String ns, String level) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(client.namespaces().withName(ns).get().getMetadata().getLabels())
                    .containsEntry(PodSecurityLevel.ENFORCE_LABEL, level));
  }

  private static void setOffering(KubernetesClient client, PodSecurityLevel level) {
    ServiceOffering offering = Fixtures.offering(client);
    // The operator writes the offering's status meanwhile: a conflict is read again and retried.
    await()
        .atMost(TIMEOUT)
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () ->
                client
                        .resource(client.resource(offering).get())
                        .edit(
                            o -> {
                              o.getSpec().setPodSecurity(level);
                              return o;
                            })
                    != null);
  }

  private static NetworkPolicy policy(KubernetesClient client, String ns, String name) {
    return client.network().v1().networkPolicies().inNamespace(ns).withName(name).get();
  }
}
