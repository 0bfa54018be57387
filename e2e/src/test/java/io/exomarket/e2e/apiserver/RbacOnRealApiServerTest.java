package io.exomarket.e2e.apiserver;

import static io.exomarket.operator.testing.Fixtures.LARGE;
import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.tenant.TenantGrant;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.BrokerServer;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.client.ApiVariant;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.ApiServerTier;
import io.exomarket.testkit.junit.RealApiServer;
import io.exomarket.testkit.kube.DeployRbac;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.metering.MeteringSink;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator and the broker run with the ServiceAccounts and RBAC rules of {@code deploy/base},
 * authenticated by ServiceAccount tokens, on a real API server: the whole Exoscale lifecycle works
 * (every call they make is allowed, Secrets through the tenant grants), and a sample of what they
 * must not do is denied: real attempts, by RBAC (reading Secrets outside tenant grants, binding any
 * other role) and by the admission policies (writes outside tenant namespaces, grants to others).
 */
@ApiServerTier
class RbacOnRealApiServerTest {
  private static final String SYSTEM = "exomarket-system";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static RealApiServer api;
  private static KubernetesClient admin;
  private static KubernetesClient operatorClient;
  private static KubernetesClient brokerClient;

  @BeforeAll
  static void start() throws Exception {
    api = RealApiServer.start();
    admin = api.adminClient();
    Fixtures.namespace(admin, SYSTEM);
    DeployRbac.apply(
        admin, "base/operator-rbac.yaml", "base/broker-rbac.yaml", "base/admission-policies.yaml");
    operatorClient = api.tokenClient(DeployRbac.token(admin, "exomarket-operator"));
    brokerClient = api.tokenClient(DeployRbac.token(admin, "exomarket-broker"));
    Fixtures.installOffering(admin);
    // Admission policies take effect a moment after they are created: wait until one refuses.
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                refusal(() -> createNamespace(brokerClient, "probe-" + UUID.randomUUID(), false))
                    != null);
  }

  @Test
  void outsideTenantNamespacesRealAttemptsAreRefused() {
    Fixtures.namespace(admin, "kube-system");
    assertThat(refusal(() -> statefulSet(operatorClient, "kube-system")))
        .contains("writes only in tenant namespaces", "kube-system");
    assertThat(refusal(() -> createNamespace(brokerClient, "kube-evil", true)))
        .contains("creates only tenant namespaces");
    assertThat(refusal(() -> createNamespace(brokerClient, "tenant-unlabelled", false)))
        .contains("creates only tenant namespaces");
    ManagedServiceInstance outside = Fixtures.instance("default", "outside", SMALL);
    Fixtures.namespace(admin, "default");
    assertThat(refusal(() -> brokerClient.resource(outside).create()))
        .contains("writes only in tenant namespaces", "default");
    // Inside a tenant namespace the same writes pass.
    createNamespace(brokerClient, "tenant-confined", true);
    assertThat(statefulSet(operatorClient, "tenant-confined").getMetadata().getUid()).isNotNull();
  }

  @Test
  void secretsOutsideTenantGrantsCannotBeRead() {
    Fixtures.namespace(admin, "kube-system");
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("cluster-secret")
                .withNamespace("kube-system")
                .endMetadata()
                .withStringData(Map.of("token", "do-not-read"))
                .build())
        .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    for (KubernetesClient component : List.of(operatorClient, brokerClient)) {
      assertThat(forbidden(() -> component.secrets().inAnyNamespace().list())).isTrue();
      assertThat(forbidden(() -> component.secrets().inNamespace("kube-system").list())).isTrue();
      assertThat(
              forbidden(
                  () ->
                      component
                          .secrets()
                          .inNamespace("kube-system")
                          .withName("cluster-secret")
                          .get()))
          .isTrue();
    }
    // A tenant namespace without its grants is no different; with them (as the broker makes a
    // tenant namespace), each component reads there what its tenant role allows, and no more.
    createNamespace(admin, "tenant-granted", true);
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("app-credentials")
                .withNamespace("tenant-granted")
                .endMetadata()
                .withStringData(Map.of("password", "p"))
                .build())
        .create();
    assertThat(
            forbidden(
                () ->
                    brokerClient
                        .secrets()
                        .inNamespace("tenant-granted")
                        .withName("app-credentials")
                        .get()))
        .isTrue();
    for (TenantGrant grant : BrokerConfig.forTests("u", "p").tenantGrants()) {
      brokerClient.rbac().roleBindings().resource(grant.roleBinding("tenant-granted")).create();
    }
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                !forbidden(
                    () ->
                        brokerClient
                            .secrets()
                            .inNamespace("tenant-granted")
                            .withName("app-credentials")
                            .get()));
    assertThat(forbidden(() -> brokerClient.secrets().inNamespace("tenant-granted").list()))
        .isTrue();
    assertThat(operatorClient.secrets().inNamespace("tenant-granted").list().getItems())
        .extracting(x -> x.getMetadata().getName())
        .contains("app-credentials");
    assertThat(forbidden(() -> operatorClient.secrets().inAnyNamespace().list())).isTrue();
  }

  @Test
  void theBrokerCannotGrantMoreThanTheTenantRoles() {
    createNamespace(admin, "tenant-escalation", true);
    // RBAC: no bind on any other role.
    var clusterAdmin =
        new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
            .withNewMetadata()
            .withName("evil")
            .withNamespace("tenant-escalation")
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName("exomarket-broker")
            .withNamespace(SYSTEM)
            .endSubject()
            .build();
    assertThat(refusal(() -> brokerClient.resource(clusterAdmin).create()))
        .contains("attempting to grant RBAC permissions not currently held");
    // Admission: a tenant role bound to another account, or outside a tenant namespace.
    RoleBinding toAnother =
        TenantGrant.broker(Map.of(TenantGrant.BROKER_ACCOUNT_ENV, "tenant-escalation/attacker"))
            .roleBinding("tenant-escalation");
    assertThat(refusal(() -> brokerClient.resource(toAnother).create()))
        .contains("binds only the tenant roles");
    RoleBinding outside = TenantGrant.broker(Map.of()).roleBinding("kube-system");
    Fixtures.namespace(admin, "kube-system");
    assertThat(refusal(() -> brokerClient.resource(outside).create()))
        .contains("writes only in tenant namespaces");
    RoleBinding operatorOutside = TenantGrant.operator(Map.of()).roleBinding("kube-system");
    assertThat(refusal(() -> operatorClient.resource(operatorOutside).create()))
        .contains("writes only in tenant namespaces");
  }

  /** Whether the API server answered 403 to a read. */
  private static boolean forbidden(Runnable read) {
    try {
      read.run();
      return false;
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403);
      return true;
    }
  }

  @Test
  void anInstanceOutsideATenantNamespaceStallsWithTheRefusal() {
    Fixtures.namespace(admin, "not-a-tenant");
    ManagedServiceInstance msi =
        admin.resource(Fixtures.instance("not-a-tenant", "db", SMALL)).create();
    try (ExomarketOperator operator =
        ExomarketOperator.start(operatorClient, OperatorConfig.defaults())) {
      ManagedServiceInstance failed =
          io.exomarket.operator.testing.Awaits.awaitState(
              admin, msi, InstanceState.Failed, TIMEOUT);
      var stalled =
          failed.getStatus().condition(io.exomarket.api.status.ConditionType.STALLED).orElseThrow();
      assertThat(stalled.getReason())
          .isEqualTo(io.exomarket.api.status.Reason.WORKLOAD_REJECTED.value());
      assertThat(stalled.getMessage()).contains("writes only in tenant namespaces", "not-a-tenant");
      assertThat(admin.apps().statefulSets().inNamespace("not-a-tenant").list().getItems())
          .isEmpty();
      admin.resource(msi).delete();
      await().atMost(TIMEOUT).until(() -> admin.resource(msi).get() == null);
    }
  }

  /** The API server's refusal message, or null when the write went through. */
  private static String refusal(Runnable write) {
    try {
      write.run();
      return null;
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as(e.getMessage()).isIn(403, 422);
      return e.getMessage();
    }
  }

  private static void createNamespace(KubernetesClient client, String name, boolean tenantLabel) {
    var ns =
        new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name);
    if (tenantLabel) {
      ns.addToLabels(ApiGroup.TENANT_LABEL, "true");
    }
    client.resource(ns.endMetadata().build()).create();
  }

  private static io.fabric8.kubernetes.api.model.apps.StatefulSet statefulSet(
      KubernetesClient client, String namespace) {
    return client
        .resource(
            new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata()
                .withName("probe-" + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "probe")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "probe")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("probe")
                .withImage("registry.example/probe:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theExoscaleLifecycleRunsWithLeastPrivilege() throws Exception {
    Fixtures.meteringSecret(admin, SYSTEM, "EXOrbac", "rbac-secret");
    UsageSettings usage;
    try (MeteringSink sink = MeteringSink.start(0, "EXOrbac", "rbac-secret")) {
      usage =
          new UsageSettings(
              sink.url(),
              ApiVariant.PARTNER,
              "acme-db",
              SYSTEM,
              "exomarket-metering-credentials",
              Duration.ofSeconds(5),
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              Duration.ofSeconds(5),
              Duration.ofMinutes(5),
              false,
              Duration.ofHours(6));
      OperatorConfig config = OperatorConfig.defaults().withLeaderElection(SYSTEM).withUsage(usage);
      try (ExomarketOperator operator = ExomarketOperator.start(operatorClient, config);
          SimulatedKubelet kubelet = SimulatedKubelet.start(admin, Duration.ofMillis(50));
          BrokerServer broker =
              BrokerServer.start(
                  brokerClient,
                  BrokerConfig.forTests("exo", "pw").withSyncTimeout(Duration.ofSeconds(45)))) {
        String org = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        String provision =
            """
            {"service_id": "%s", "plan_id": "%s", "organization_guid": "%s", "space_guid": "%s",
             "parameters": {"users": [{"email": "a@acme.ch", "full_name": "A", "role": "owner"}]},
             "context": {"platform": "exoscale", "organization_guid": "%s"}}"""
                .formatted(Fixtures.SERVICE_ID, SMALL, org, org, org);
        assertThat(osb(broker, "PUT", id, provision).statusCode()).isEqualTo(201);
        ManagedServiceInstance msi = instance(org);
        assertThat(msi.getStatus().getState()).isEqualTo(InstanceState.Ready);

        String change = "{\"service_id\": \"%s\", \"plan_id\": \"%s\"}";
        assertThat(
                osb(broker, "PATCH", id, change.formatted(Fixtures.SERVICE_ID, LARGE)).statusCode())
            .isEqualTo(200);
        assertThat(
                osb(
                        broker,
                        "PATCH",
                        id,
                        change.formatted(Fixtures.SERVICE_ID, Fixtures.SUSPENSION_PLAN))
                    .statusCode())
            .isEqualTo(200);
        assertThat(instance(org).getStatus().getState()).isEqualTo(InstanceState.Suspended);
        assertThat(
                osb(broker, "PATCH", id, change.formatted(Fixtures.SERVICE_ID, LARGE)).statusCode())
            .isEqualTo(200);
        await().atMost(TIMEOUT).until(() -> !sink.reports().isEmpty());

        // A binding: the operator writes its Secret, the broker reads it, both through the grants
        // the broker made with the tenant namespace.
        String bindingPath =
            "/v2/service_instances/" + id + "/service_bindings/" + UUID.randomUUID();
        HttpResponse<String> bound =
            send(
                broker,
                HttpRequest.newBuilder(URI.create(broker.url() + bindingPath))
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            change.formatted(Fixtures.SERVICE_ID, LARGE)))
                    .header("Content-Type", "application/json"));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
        assertThat(bound.body()).contains("\"credentials\"", "\"password\"");
        HttpResponse<String> unbound =
            send(
                broker,
                HttpRequest.newBuilder(
                        URI.create(
                            broker.url()
                                + bindingPath
                                + "?service_id="
                                + Fixtures.SERVICE_ID
                                + "&plan_id="
                                + LARGE))
                    .DELETE());
        assertThat(unbound.statusCode()).as(unbound.body()).isEqualTo(200);

        HttpResponse<String> deleted =
            send(
                broker,
                HttpRequest.newBuilder(
                        URI.create(
                            broker.url()
                                + "/v2/service_instances/"
                                + id
                                + "?service_id="
                                + Fixtures.SERVICE_ID
                                + "&plan_id="
                                + LARGE))
                    .DELETE());
        assertThat(deleted.statusCode()).isEqualTo(200);
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    admin
                        .resources(ManagedServiceInstance.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()
                        .stream()
                        .noneMatch(i -> i.getSpec().getOrganization().equals(org)));
        assertThat(admin.leases().inNamespace(SYSTEM).withName(OperatorConfig.LEASE_NAME).get())
            .isNotNull();
        assertThat(admin.v1().events().inNamespace("tenant-" + org).list().getItems()).isNotEmpty();
      }
    }
  }

  @Test
  void theBrokerCannotDoMoreThanItNeeds() {
    assertThat(can(brokerClient, "create", "", "namespaces", null)).isTrue();
    assertThat(
            can(
                brokerClient,
                "create",
                "marketplace.exomarket.io",
                "managedserviceinstances",
                "tenant-x"))
        .isTrue();
    assertThat(can(brokerClient, "delete", "", "namespaces", null)).isFalse();
    // A binding's Secret is read by name for the bind answer, only where a tenant grant says so
    // (tenant-x has none); secrets are never listed or watched.
    assertThat(can(brokerClient, "get", "", "secrets", "tenant-x")).isFalse();
    assertThat(can(brokerClient, "list", "", "secrets", null)).isFalse();
    assertThat(can(brokerClient, "watch", "", "secrets", null)).isFalse();
    assertThat(
            can(
                brokerClient,
                "create",
                "marketplace.exomarket.io",
                "managedservicebindings",
                "tenant-x"))
        .isTrue();
    assertThat(
            can(
                brokerClient,
                "update",
                "marketplace.exomarket.io",
                "managedservicebindings/status",
                "tenant-x"))
        .isFalse();
    assertThat(
            can(
                brokerClient,
                "update",
                "marketplace.exomarket.io",
                "managedserviceinstances/status",
                "tenant-x"))
        .isFalse();
    assertThat(can(brokerClient, "create", "marketplace.exomarket.io", "serviceofferings", null))
        .isFalse();
    assertThat(can(brokerClient, "create", "apps", "statefulsets", "tenant-x")).isFalse();
  }

  @Test
  void theOperatorCannotDoMoreThanItNeeds() {
    assertThat(can(operatorClient, "create", "apps", "statefulsets", "tenant-x")).isTrue();
    assertThat(
            can(
                operatorClient,
                "update",
                "marketplace.exomarket.io",
                "managedserviceinstances/status",
                "tenant-x"))
        .isTrue();
    assertThat(can(operatorClient, "create", "", "namespaces", null)).isFalse();
    // Secrets only under a tenant grant: nowhere cluster-wide, not in a namespace without one.
    assertThat(can(operatorClient, "list", "", "secrets", null)).isFalse();
    assertThat(can(operatorClient, "watch", "", "secrets", null)).isFalse();
    assertThat(can(operatorClient, "get", "", "secrets", "tenant-x")).isFalse();
    assertThat(can(operatorClient, "bind", "rbac.authorization.k8s.io", "clusterroles", null))
        .isFalse();
    assertThat(can(operatorClient, "create", "", "pods", "tenant-x")).isFalse();
    assertThat(
            can(
                operatorClient,
                "create",
                "marketplace.exomarket.io",
                "managedserviceinstances",
                "tenant-x"))
        .isFalse();
    assertThat(can(operatorClient, "update", "marketplace.exomarket.io", "serviceofferings", null))
        .isFalse();
    assertThat(can(operatorClient, "create", "rbac.authorization.k8s.io", "clusterroles", null))
        .isFalse();
    // Workload kinds beyond the default graph's need a grant (deploy/workload-kinds).
    assertThat(can(operatorClient, "create", "networking.k8s.io", "ingresses", "tenant-x"))
        .isFalse();
    assertThat(can(operatorClient, "create", "", "pods/exec", "tenant-x")).isFalse();
    assertThat(can(operatorClient, "create", "", "serviceaccounts/token", SYSTEM)).isFalse();
    // Bindings are the broker's (or GitOps') to create; the operator only drives them.
    assertThat(
            can(
                operatorClient,
                "create",
                "marketplace.exomarket.io",
                "managedservicebindings",
                "tenant-x"))
        .isFalse();
    assertThat(
            can(
                operatorClient,
                "update",
                "marketplace.exomarket.io",
                "managedservicebindings/status",
                "tenant-x"))
        .isTrue();
  }

  private static boolean can(
      KubernetesClient client, String verb, String group, String resource, String namespace) {
    String[] parts = resource.split("/");
    var attributes =
        new io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder()
            .withVerb(verb)
            .withGroup(group)
            .withResource(parts[0])
            .withNamespace(namespace);
    if (parts.length > 1 && !parts[0].equals("secrets")) {
      attributes.withSubresource(parts[1]);
    } else if (parts.length > 1) {
      attributes.withName(parts[1]);
    }
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withResourceAttributes(attributes.build())
            .endSpec()
            .build();
    return client.resource(review).create().getStatus().getAllowed();
  }

  private static ManagedServiceInstance instance(String org) {
    return admin
        .resources(ManagedServiceInstance.class)
        .inNamespace("tenant-" + org)
        .list()
        .getItems()
        .get(0);
  }

  private static HttpResponse<String> osb(
      BrokerServer broker, String method, String id, String body) throws Exception {
    return send(
        broker,
        HttpRequest.newBuilder(URI.create(broker.url() + "/v2/service_instances/" + id))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json"));
  }

  private static HttpResponse<String> send(BrokerServer broker, HttpRequest.Builder request)
      throws Exception {
    String auth = Base64.getEncoder().encodeToString("exo:pw".getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            request
                .header("Authorization", "Basic " + auth)
                .header("X-Broker-API-Version", "2.17")
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
