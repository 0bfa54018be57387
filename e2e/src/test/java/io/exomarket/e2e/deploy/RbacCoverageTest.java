package io.exomarket.e2e.deploy;

import static io.exomarket.e2e.deploy.DeployKit.deploy;
import static io.exomarket.e2e.deploy.DeployKit.ofType;
import static io.exomarket.e2e.deploy.DeployKit.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Every (apiGroup, resource, verb) the code uses, derived by reading the code (the "source"
 * column), must be granted by the ServiceAccount's ClusterRole (cluster-wide), its tenant
 * ClusterRole (bound per tenant namespace) or Role (exomarket-system), and nothing else may be
 * granted: a new client call needs a new row here and a new rule in deploy/base/*-rbac.yaml.
 * Against a real API server with impersonation: later.
 */
class RbacCoverageTest {
  static final String NS = "exomarket-system";

  enum Scope {
    CLUSTER,
    SYSTEM_NAMESPACE,
    /** The account's tenant ClusterRole, bound per tenant namespace only (TenantGrant). */
    TENANT
  }

  /** One API request kind the code makes. resourceName: the rule may be restricted to it. */
  record Use(
      String group, String resource, String verb, Scope scope, String resourceName, String source) {
    static Use cluster(String group, String resource, String verb, String source) {
      return new Use(group, resource, verb, Scope.CLUSTER, null, source);
    }

    static Use tenant(String group, String resource, String verb, String source) {
      return new Use(group, resource, verb, Scope.TENANT, null, source);
    }

    static Use system(
        String group, String resource, String verb, String resourceName, String source) {
      return new Use(group, resource, verb, Scope.SYSTEM_NAMESPACE, resourceName, source);
    }
  }

  static final String MP = "marketplace.exomarket.io";
  static final String JOSDK_DEP = "JOSDK CRUDKubernetesDependentResource (SSA off)";

  static final List<Use> OPERATOR = new ArrayList<>();
  static final List<Use> BROKER = new ArrayList<>();

  static {
    // --- operator: primary resource (java-operator-sdk 5.2.3) ---
    OPERATOR.add(
        Use.cluster(
            MP,
            "managedserviceinstances",
            "list",
            "JOSDK controller informer (watchingAllNamespaces)"));
    OPERATOR.add(Use.cluster(MP, "managedserviceinstances", "watch", "JOSDK controller informer"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "managedserviceinstances",
            "get",
            "JOSDK CustomResourceFacade: re-read on finalizer conflict"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "managedserviceinstances",
            "patch",
            "JOSDK finalizer add/remove (JSON patch, withUseSSAToPatchPrimaryResource(false))"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "managedserviceinstances/status",
            "update",
            "StatusRecorder -> PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource (PUT)"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "managedserviceinstances/status",
            "patch",
            "JOSDK CustomResourceFacade.editStatus"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "managedserviceinstances/finalizers",
            "update",
            "ownerReferences with blockOwnerDeletion (OwnerReferencesPermissionEnforcement)"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "serviceofferings",
            "list",
            "'offerings' InformerEventSources (InstanceEventSources, TenantQuotaReconciler)"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "serviceofferings",
            "watch",
            "'offerings' InformerEventSources (InstanceEventSources, TenantQuotaReconciler)"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "serviceofferings/status",
            "update",
            "OfferingReconciler: the verdict, replaced under the resourceVersion"));
    OPERATOR.add(
        Use.cluster(
            "authorization.k8s.io",
            "selfsubjectaccessreviews",
            "create",
            "KindCheck: may the operator use each kind an offering's graph uses"));
    // --- operator: the binding controller (BindingReconciler) ---
    String controller = "JOSDK controller informer of BindingReconciler";
    OPERATOR.add(Use.cluster(MP, "managedservicebindings", "list", controller));
    OPERATOR.add(Use.cluster(MP, "managedservicebindings", "watch", controller));
    OPERATOR.add(
        Use.cluster(
            MP,
            "managedservicebindings",
            "get",
            "JOSDK CustomResourceFacade (finalizer conflict)"));
    OPERATOR.add(
        Use.cluster(MP, "managedservicebindings", "patch", "JOSDK binding-finalizer (JSON patch)"));
    OPERATOR.add(
        Use.cluster(
            MP,
            "managedservicebindings/status",
            "update",
            "BindingStatusWriter -> PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource"));
    OPERATOR.add(
        Use.cluster(
            MP, "managedservicebindings/status", "patch", "JOSDK CustomResourceFacade.editStatus"));
    // --- operator: Secrets, in tenant namespaces only (exomarket-operator-tenant) ---
    OPERATOR.add(
        Use.tenant("", "secrets", "list", "WorkloadInformers.NamespaceReads; WorkloadCleanup"));
    OPERATOR.add(
        Use.tenant("", "secrets", "get", "ObjectWriter: read after a 409; BindingSecrets.ensure"));
    OPERATOR.add(Use.tenant("", "secrets", "create", "ObjectWriter.write; BindingSecrets.ensure"));
    OPERATOR.add(Use.tenant("", "secrets", "update", "ObjectWriter.write (PUT)"));
    OPERATOR.add(Use.tenant("", "secrets", "patch", "ObjectWriter.orphan / retain: edit()"));
    OPERATOR.add(
        Use.tenant(
            "",
            "secrets",
            "delete",
            "ObjectWriter.delete; WorkloadCleanup; BindingSecrets.delete"));
    // --- operator: the tenant grants (TenantAccess, TenantQuotaReconciler) ---
    String rbac = "rbac.authorization.k8s.io";
    for (String verb : new String[] {"list", "watch"}) {
      OPERATOR.add(
          Use.cluster(
              rbac,
              "rolebindings",
              verb,
              "'tenantgrants' informers (TenantQuotaReconciler, InstanceEventSources)"));
    }
    OPERATOR.add(Use.cluster(rbac, "rolebindings", "create", "TenantAccess.ensure"));
    OPERATOR.add(
        new Use(
            rbac,
            "rolebindings",
            "get",
            Scope.CLUSTER,
            "exomarket-operator-tenant",
            "TenantAccess.ensure: after a 409, is the one there the grant?"));
    OPERATOR.add(
        new Use(
            rbac,
            "rolebindings",
            "delete",
            Scope.CLUSTER,
            "exomarket-operator-tenant",
            "TenantAccess.ensure: an altered grant is made anew"));
    OPERATOR.add(
        new Use(
            rbac,
            "clusterroles",
            "bind",
            Scope.CLUSTER,
            "exomarket-operator-tenant",
            "TenantAccess.ensure: the RoleBinding references exomarket-operator-tenant"));
    // --- operator: the default workload graph's kinds (GraphApplier, WorkloadCleanup) ---
    // KindCheck requires exactly these verbs of every kind a graph uses.
    for (String[] kind :
        new String[][] {
          {"", "configmaps"},
          {"", "services"},
          {"apps", "statefulsets"},
          {"networking.k8s.io", "networkpolicies"}
        }) {
      OPERATOR.add(Use.cluster(kind[0], kind[1], "list", "WorkloadInformers; WorkloadCleanup"));
      OPERATOR.add(Use.cluster(kind[0], kind[1], "watch", "WorkloadInformers"));
      OPERATOR.add(Use.cluster(kind[0], kind[1], "get", "ObjectWriter: read after a 409"));
      OPERATOR.add(Use.cluster(kind[0], kind[1], "create", "ObjectWriter.write"));
      OPERATOR.add(Use.cluster(kind[0], kind[1], "update", "ObjectWriter.write (PUT)"));
      OPERATOR.add(Use.cluster(kind[0], kind[1], "patch", "ObjectWriter.orphan: edit()"));
      OPERATOR.add(
          Use.cluster(kind[0], kind[1], "delete", "ObjectWriter.delete: excluded; cleanup"));
    }
    OPERATOR.add(
        Use.cluster(
            "", "persistentvolumeclaims", "list", "PvcResizer.grow; WorkloadCleanup.allGone"));
    OPERATOR.add(
        Use.cluster(
            "", "persistentvolumeclaims", "get", "PvcResizer.grow: edit() reads the claim"));
    OPERATOR.add(
        Use.cluster(
            "",
            "persistentvolumeclaims",
            "patch",
            "PvcResizer.grow: edit() patches requests.storage"));
    OPERATOR.add(Use.cluster("", "persistentvolumeclaims", "delete", "WorkloadCleanup.deleteAll"));
    OPERATOR.add(
        Use.cluster(
            "",
            "persistentvolumeclaims",
            "create",
            "RestoreClaims.clone: the clone claims of a restore-from instance"));
    OPERATOR.add(
        Use.cluster("", "persistentvolumeclaims", "delete", "RetentionPurger: after purge-after"));
    OPERATOR.add(
        Use.cluster(
            "", "persistentvolumeclaims", "patch", "ObjectWriter.retain: edit() (data retention)"));
    OPERATOR.add(
        Use.cluster(
            "", "namespaces", "list", "TenantQuotaReconciler: its primary (Namespace) informer"));
    OPERATOR.add(
        Use.cluster(
            "", "namespaces", "watch", "TenantQuotaReconciler: its primary (Namespace) informer"));
    OPERATOR.add(
        Use.cluster(
            "",
            "namespaces",
            "patch",
            "TenantPodSecurity.repair: JSON merge patch of the Pod Security labels"));
    OPERATOR.add(
        Use.cluster(
            "",
            "namespaces",
            "get",
            "TenantPodSecurity.repair: fabric8 patch() reads the namespace before patching"));
    for (String verb : new String[] {"list", "watch"}) {
      OPERATOR.add(
          Use.cluster(
              "networking.k8s.io",
              "networkpolicies",
              verb,
              "TenantQuotaReconciler 'tenantpolicies' InformerEventSource"));
    }
    for (String verb : new String[] {"create", "get", "update"}) {
      OPERATOR.add(
          Use.cluster(
              "networking.k8s.io",
              "networkpolicies",
              verb,
              "TenantNetworkPolicies.ensure: createOr(NonDeletingOperation::update)"));
    }
    OPERATOR.add(
        Use.cluster(
            "", "resourcequotas", "list", "TenantQuotaReconciler 'quotas' InformerEventSource"));
    OPERATOR.add(
        Use.cluster(
            "", "resourcequotas", "watch", "TenantQuotaReconciler 'quotas' InformerEventSource"));
    OPERATOR.add(
        Use.cluster(
            "",
            "resourcequotas",
            "get",
            "TenantQuotaReconciler: createOr(update) reads the version on 409"));
    OPERATOR.add(
        Use.cluster(
            "", "resourcequotas", "create", "TenantQuotaReconciler.reconcile: createOr(update)"));
    OPERATOR.add(
        Use.cluster(
            "",
            "resourcequotas",
            "update",
            "TenantQuotaReconciler.reconcile: createOr(NonDeletingOperation::update)"));
    OPERATOR.add(
        Use.cluster(
            "",
            "resourcequotas",
            "delete",
            "TenantQuotaReconciler.reconcile: delete when no instance is left"));
    OPERATOR.add(
        Use.cluster(
            "", "events", "create", "EventRecorder.record: client.v1().events()...create()"));
    OPERATOR.add(
        Use.cluster(
            "authorization.k8s.io",
            "selfsubjectrulesreviews",
            "create",
            "JOSDK LeaderElectionManager.checkLeaseAccess"));
    // --- operator: its own namespace ---
    OPERATOR.add(
        Use.system(
            "coordination.k8s.io",
            "leases",
            "get",
            null,
            "fabric8 LeaseLock (JOSDK leader election)"));
    OPERATOR.add(Use.system("coordination.k8s.io", "leases", "create", null, "fabric8 LeaseLock"));
    OPERATOR.add(
        Use.system(
            "coordination.k8s.io", "leases", "patch", null, "fabric8 7.5.2 LeaseLock.update"));
    OPERATOR.add(
        Use.system(
            "coordination.k8s.io", "leases", "update", null, "JOSDK checkLeaseAccess requires it"));
    OPERATOR.add(
        Use.system(
            "",
            "secrets",
            "get",
            "exomarket-metering-credentials",
            "LazyMeteringClient.get: secrets().withName(METERING_SECRET_NAME).get()"));

    // --- broker adapter ---
    BROKER.add(
        Use.cluster(
            "", "namespaces", "get", "TenantNamespaces.ensure: namespaces().withName(name).get()"));
    BROKER.add(
        Use.cluster(
            "",
            "namespaces",
            "create",
            "TenantNamespaces.ensure: namespaces().resource(ns).create()"));
    BROKER.add(
        Use.cluster(
            MP,
            "managedserviceinstances",
            "list",
            "InstanceRepository: informer inAnyNamespace(); find() by hash label"));
    BROKER.add(Use.cluster(MP, "managedserviceinstances", "watch", "InstanceRepository: informer"));
    BROKER.add(Use.cluster(MP, "managedserviceinstances", "get", "InstanceRepository.fetch"));
    BROKER.add(
        Use.cluster(
            MP, "managedserviceinstances", "create", "InstanceRepository.create (Provisioner)"));
    BROKER.add(
        Use.cluster(
            MP,
            "managedserviceinstances",
            "update",
            "InstanceRepository.update (Updater, Deprovisioner): PUT with resourceVersion"));
    BROKER.add(
        Use.cluster(
            MP, "managedserviceinstances", "delete", "InstanceRepository.delete (Deprovisioner)"));
    BROKER.add(
        Use.cluster(
            MP,
            "managedservicebindings",
            "list",
            "BindingRepository: informer inAnyNamespace(); find() by hash label"));
    BROKER.add(Use.cluster(MP, "managedservicebindings", "watch", "BindingRepository: informer"));
    BROKER.add(Use.cluster(MP, "managedservicebindings", "get", "BindingRepository.fetch"));
    BROKER.add(
        Use.cluster(MP, "managedservicebindings", "create", "BindingRepository.create (Binder)"));
    BROKER.add(
        Use.cluster(MP, "managedservicebindings", "delete", "BindingRepository.delete (Unbinder)"));
    BROKER.add(
        Use.cluster(
            MP,
            "managedservicebindings",
            "deletecollection",
            "BindingRepository.deleteAllOf (Deprovisioner): withLabel(instance).delete()"));
    BROKER.add(
        Use.tenant(
            "",
            "secrets",
            "get",
            "BindingRepository.secret: the binding's Secret by name, for PUT/GET answers"));
    BROKER.add(
        Use.cluster(
            "rbac.authorization.k8s.io",
            "rolebindings",
            "create",
            "TenantNamespaces.ensure: the tenant grants of a new namespace"));
    for (String role : new String[] {"exomarket-operator-tenant", "exomarket-broker-tenant"}) {
      BROKER.add(
          new Use(
              "rbac.authorization.k8s.io",
              "clusterroles",
              "bind",
              Scope.CLUSTER,
              role,
              "TenantNamespaces.ensure: the grants reference the tenant ClusterRoles"));
    }
    BROKER.add(Use.cluster(MP, "serviceofferings", "list", "Offerings: runnableInformer"));
    BROKER.add(Use.cluster(MP, "serviceofferings", "watch", "Offerings: runnableInformer"));
  }

  private final List<HasMetadata> rbac = load();

  private static List<HasMetadata> load() {
    List<HasMetadata> all = new ArrayList<>(parse(deploy().resolve("base/operator-rbac.yaml")));
    all.addAll(parse(deploy().resolve("base/broker-rbac.yaml")));
    return all;
  }

  @Test
  void operatorIsGrantedWhatItsCodeUsesAndNothingElse() {
    assertExactly("exomarket-operator", OPERATOR);
  }

  @Test
  void brokerIsGrantedWhatItsCodeUsesAndNothingElse() {
    assertExactly("exomarket-broker", BROKER);
    // The brief: namespaces, MSIs, bindings and offerings, the tenant grants; never workloads or
    // status; of Secrets only get (a binding's, by name, for the bind answer), in tenant
    // namespaces only.
    assertThat(rulesOf("exomarket-broker", Scope.CLUSTER))
        .allSatisfy(
            r ->
                assertThat(r.getResources())
                    .allMatch(
                        res ->
                            res.equals("namespaces")
                                || res.equals("managedserviceinstances")
                                || res.equals("managedservicebindings")
                                || res.equals("serviceofferings")
                                || res.equals("rolebindings")
                                || (res.equals("clusterroles")
                                    && r.getVerbs().equals(List.of("bind")))));
    assertThat(rulesOf("exomarket-broker", Scope.TENANT))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getResources()).containsExactly("secrets");
              assertThat(r.getVerbs()).containsExactly("get");
            });
    assertThat(rulesOf("exomarket-broker", Scope.SYSTEM_NAMESPACE)).isEmpty();
  }

  @Test
  void noSecretIsReadableClusterWide() {
    for (String account : new String[] {"exomarket-operator", "exomarket-broker"}) {
      assertThat(rulesOf(account, Scope.CLUSTER))
          .as(account)
          .noneMatch(r -> r.getResources().contains("secrets"));
    }
  }

  @Test
  void theTenantRolesAreNeverBoundClusterWide() {
    assertThat(ofType(rbac, ClusterRoleBinding.class))
        .noneMatch(b -> b.getRoleRef().getName().endsWith("-tenant"));
    assertThat(ofType(rbac, RoleBinding.class))
        .noneMatch(b -> b.getRoleRef().getName().endsWith("-tenant"));
  }

  @Test
  void noWildcardsAnywhere() {
    for (ClusterRole r : ofType(rbac, ClusterRole.class)) {
      assertThat(r.getAggregationRule()).isNull();
      r.getRules().forEach(rule -> assertNoWildcard(r.getMetadata().getName(), rule));
    }
    for (Role r : ofType(rbac, Role.class)) {
      r.getRules().forEach(rule -> assertNoWildcard(r.getMetadata().getName(), rule));
    }
  }

  @Test
  void bindingsGiveEachRoleToItsServiceAccountOnly() {
    for (ClusterRoleBinding b : ofType(rbac, ClusterRoleBinding.class)) {
      assertThat(b.getRoleRef().getName()).isEqualTo(b.getMetadata().getName());
      assertThat(b.getSubjects())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getName()).isEqualTo(b.getMetadata().getName());
                assertThat(s.getNamespace()).isEqualTo(NS);
              });
    }
    for (RoleBinding b : ofType(rbac, RoleBinding.class)) {
      assertThat(b.getMetadata().getNamespace()).isEqualTo(NS);
      assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(b.getSubjects())
          .singleElement()
          .satisfies(s -> assertThat(s.getName()).isEqualTo(b.getMetadata().getName()));
    }
  }

  private void assertExactly(String account, List<Use> uses) {
    for (Use use : uses) {
      assertThat(rulesOf(account, use.scope()))
          .as(
              "%s needs %s %s/%s in %s (%s)",
              account, use.verb(), use.group(), use.resource(), use.scope(), use.source())
          .anyMatch(r -> grants(r, use));
    }
    for (Scope scope : Scope.values()) {
      for (PolicyRule rule : rulesOf(account, scope)) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              assertThat(uses)
                  .as(
                      "%s is granted %s %s/%s in %s but no code uses it (add the use, or drop the rule)",
                      account, verb, group, resource, scope)
                  .anyMatch(
                      u ->
                          u.scope() == scope
                              && u.group().equals(group)
                              && u.resource().equals(resource)
                              && u.verb().equals(verb));
              if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
                assertThat(uses)
                    .anyMatch(
                        u ->
                            u.scope() == scope
                                && u.resource().equals(resource)
                                && rule.getResourceNames().contains(u.resourceName()));
              }
            }
          }
        }
      }
    }
  }

  private static boolean grants(PolicyRule rule, Use use) {
    boolean names =
        rule.getResourceNames() == null
            || rule.getResourceNames().isEmpty()
            || (use.resourceName() != null && rule.getResourceNames().contains(use.resourceName()));
    return rule.getApiGroups().contains(use.group())
        && rule.getResources().contains(use.resource())
        && rule.getVerbs().contains(use.verb())
        && names;
  }

  private List<PolicyRule> rulesOf(String account, Scope scope) {
    if (scope == Scope.TENANT) {
      return ofType(rbac, ClusterRole.class).stream()
          .filter(r -> r.getMetadata().getName().equals(account + "-tenant"))
          .flatMap(r -> r.getRules().stream())
          .toList();
    }
    if (scope == Scope.CLUSTER) {
      return ofType(rbac, ClusterRoleBinding.class).stream()
          .filter(
              b ->
                  b.getSubjects().stream()
                      .anyMatch(s -> s.getName().equals(account) && NS.equals(s.getNamespace())))
          .map(
              b ->
                  ofType(rbac, ClusterRole.class).stream()
                      .filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName()))
                      .findFirst()
                      .orElseThrow())
          .flatMap(r -> r.getRules().stream())
          .toList();
    }
    return ofType(rbac, RoleBinding.class).stream()
        .filter(b -> NS.equals(b.getMetadata().getNamespace()))
        .filter(b -> b.getSubjects().stream().anyMatch(s -> s.getName().equals(account)))
        .map(
            b ->
                ofType(rbac, Role.class).stream()
                    .filter(
                        r ->
                            r.getMetadata().getName().equals(b.getRoleRef().getName())
                                && Objects.equals(r.getMetadata().getNamespace(), NS))
                    .findFirst()
                    .orElseThrow())
        .flatMap(r -> r.getRules().stream())
        .toList();
  }

  private static void assertNoWildcard(String role, PolicyRule rule) {
    assertThat(rule.getVerbs()).as(role).doesNotContain("*");
    assertThat(rule.getResources()).as(role).noneMatch(r -> r.contains("*"));
    assertThat(rule.getApiGroups()).as(role).doesNotContain("*");
    assertThat(rule.getNonResourceURLs()).as(role).isNullOrEmpty();
  }
}
