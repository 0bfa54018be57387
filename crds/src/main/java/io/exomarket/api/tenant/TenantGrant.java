package io.exomarket.api.tenant;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a component may do in one tenant namespace: a RoleBinding, in that namespace only, of the
 * component's tenant ClusterRole to its ServiceAccount. The ClusterRoles hold what must not be
 * granted cluster-wide (reading Secrets); binding them per namespace confines those reads to tenant
 * namespaces. The broker grants both components when it creates a tenant namespace; the operator
 * puts its own back if it goes (and grants it in tenant namespaces made by others).
 *
 * @param clusterRole the tenant ClusterRole (deploy/base/*-rbac.yaml); also the RoleBinding's name
 */
public record TenantGrant(
    String clusterRole, String serviceAccountNamespace, String serviceAccount) {
  public static final String OPERATOR_ROLE = "exomarket-operator-tenant";
  public static final String BROKER_ROLE = "exomarket-broker-tenant";

  /** Environment: {@code <namespace>/<name>} of each component's ServiceAccount. */
  public static final String OPERATOR_ACCOUNT_ENV = "OPERATOR_SERVICE_ACCOUNT";

  public static final String BROKER_ACCOUNT_ENV = "BROKER_SERVICE_ACCOUNT";

  /** The deploy kit's accounts (deploy/base). */
  public static final String DEFAULT_OPERATOR_ACCOUNT = "exomarket-system/exomarket-operator";

  public static final String DEFAULT_BROKER_ACCOUNT = "exomarket-system/exomarket-broker";

  /** Label on a grant's RoleBinding: its ClusterRole, so each component selects its own only. */
  public static final String GRANT_LABEL = ApiGroup.NAME + "/grant";

  public TenantGrant {
    Objects.requireNonNull(clusterRole);
    Objects.requireNonNull(serviceAccountNamespace);
    Objects.requireNonNull(serviceAccount);
  }

  public static TenantGrant operator(Map<String, String> env) {
    return of(OPERATOR_ROLE, OPERATOR_ACCOUNT_ENV, DEFAULT_OPERATOR_ACCOUNT, env);
  }

  public static TenantGrant broker(Map<String, String> env) {
    return of(BROKER_ROLE, BROKER_ACCOUNT_ENV, DEFAULT_BROKER_ACCOUNT, env);
  }

  private static TenantGrant of(
      String role, String variable, String fallback, Map<String, String> env) {
    String value = env.getOrDefault(variable, fallback).trim();
    String[] parts = value.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException(
          variable + " must be <namespace>/<serviceaccount>, was '" + value + "'");
    }
    return new TenantGrant(role, parts[0], parts[1]);
  }

  /** The RoleBinding that grants this in a tenant namespace. */
  public RoleBinding roleBinding(String namespace) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(clusterRole)
        .withNamespace(namespace)
        .withLabels(labels())
        .endMetadata()
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("ClusterRole")
        .withName(clusterRole)
        .endRoleRef()
        .withSubjects(subjects())
        .build();
  }

  /** Label selector of this grant's RoleBindings (the operator's informers). */
  public String selector() {
    return labels().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .sorted()
        .collect(Collectors.joining(","));
  }

  private Map<String, String> labels() {
    return Map.of(
        ApiGroup.TENANT_LABEL,
        "true",
        ApiGroup.MANAGED_BY_LABEL,
        ApiGroup.MANAGED_BY_VALUE,
        GRANT_LABEL,
        clusterRole);
  }

  /** Whether a live RoleBinding grants exactly this (its labels, the role, the one subject). */
  public boolean isGrantedBy(RoleBinding live) {
    return live != null
        && live.getMetadata().getDeletionTimestamp() == null
        && live.getMetadata().getLabels() != null
        && live.getMetadata().getLabels().entrySet().containsAll(labels().entrySet())
        && live.getRoleRef() != null
        && "ClusterRole".equals(live.getRoleRef().getKind())
        && clusterRole.equals(live.getRoleRef().getName())
        && live.getSubjects() != null
        && live.getSubjects().size() == 1
        && "ServiceAccount".equals(live.getSubjects().get(0).getKind())
        && serviceAccount.equals(live.getSubjects().get(0).getName())
        && serviceAccountNamespace.equals(live.getSubjects().get(0).getNamespace());
  }

  private List<Subject> subjects() {
    Subject subject = new Subject();
    subject.setKind("ServiceAccount");
    subject.setName(serviceAccount);
    subject.setNamespace(serviceAccountNamespace);
    return List.of(subject);
  }
}
