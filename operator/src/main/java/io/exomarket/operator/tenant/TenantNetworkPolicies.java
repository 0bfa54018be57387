package io.exomarket.operator.tenant;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The NetworkPolicies every tenant namespace gets: deny all ingress and egress, then allow DNS,
 * traffic between the namespace's own pods and ingress from namespaces labelled for provider
 * access. Tenants never reach each other; what an offering needs beyond that (an ingress
 * controller, an external endpoint) is a NetworkPolicy in its workload graph, which adds to these.
 */
public final class TenantNetworkPolicies {
  public static final String DEFAULT_DENY = "exomarket-tenant-default-deny";
  public static final String ALLOW = "exomarket-tenant-allow";
  public static final List<String> NAMES = List.of(DEFAULT_DENY, ALLOW);

  /** Label selecting the policies this class owns (with the managed-by label). */
  public static final String SELECTOR =
      ApiGroup.TENANT_LABEL
          + "=true,"
          + ApiGroup.MANAGED_BY_LABEL
          + "="
          + ApiGroup.MANAGED_BY_VALUE;

  /** The spec's hash: written only when it changes, whatever defaults the API server adds. */
  static final String SPEC_HASH_ANNOTATION = ApiGroup.NAME + "/spec-hash";

  private TenantNetworkPolicies() {}

  /** Creates or replaces the policies that are missing or not as wanted; how many were written. */
  public static int ensure(
      KubernetesClient client, String namespace, Collection<NetworkPolicy> current) {
    int written = 0;
    for (NetworkPolicy wanted : desired(client, namespace)) {
      String hash = wanted.getMetadata().getAnnotations().get(SPEC_HASH_ANNOTATION);
      boolean upToDate =
          current.stream()
              .anyMatch(
                  p ->
                      p.getMetadata().getName().equals(wanted.getMetadata().getName())
                          && p.getMetadata().getAnnotations() != null
                          && Objects.equals(
                              p.getMetadata().getAnnotations().get(SPEC_HASH_ANNOTATION), hash));
      if (!upToDate) {
        client.resource(wanted).createOr(NonDeletingOperation::update);
        written++;
      }
    }
    return written;
  }

  static List<NetworkPolicy> desired(KubernetesClient client, String namespace) {
    NetworkPolicySpec deny = new NetworkPolicySpec();
    deny.setPodSelector(new LabelSelector());
    deny.setPolicyTypes(List.of("Ingress", "Egress"));

    NetworkPolicySpec allow = new NetworkPolicySpec();
    allow.setPodSelector(new LabelSelector());
    allow.setPolicyTypes(List.of("Ingress", "Egress"));
    NetworkPolicyPeer sameNamespace =
        new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build();
    NetworkPolicyPeer provider =
        new NetworkPolicyPeerBuilder()
            .withNamespaceSelector(selector(Map.of(ApiGroup.PROVIDER_ACCESS_LABEL, "true")))
            .build();
    NetworkPolicyPeer dns =
        new NetworkPolicyPeerBuilder()
            .withNamespaceSelector(selector(Map.of("kubernetes.io/metadata.name", "kube-system")))
            .withPodSelector(selector(Map.of("k8s-app", "kube-dns")))
            .build();
    allow.setIngress(
        List.of(new NetworkPolicyIngressRuleBuilder().withFrom(sameNamespace, provider).build()));
    allow.setEgress(
        List.of(
            new NetworkPolicyEgressRuleBuilder().withTo(sameNamespace).build(),
            new NetworkPolicyEgressRuleBuilder()
                .withTo(dns)
                .withPorts(port("UDP", 53), port("TCP", 53))
                .build()));
    return List.of(
        policy(client, namespace, DEFAULT_DENY, deny), policy(client, namespace, ALLOW, allow));
  }

  private static NetworkPolicy policy(
      KubernetesClient client, String namespace, String name, NetworkPolicySpec spec) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(ApiGroup.TENANT_LABEL, "true")
        .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
        .addToAnnotations(
            SPEC_HASH_ANNOTATION, hash(client.getKubernetesSerialization().asJson(spec)))
        .endMetadata()
        .withSpec(spec)
        .build();
  }

  private static LabelSelector selector(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  private static NetworkPolicyPort port(String protocol, int port) {
    NetworkPolicyPort p = new NetworkPolicyPort();
    p.setProtocol(protocol);
    p.setPort(new IntOrString(port));
    return p;
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
