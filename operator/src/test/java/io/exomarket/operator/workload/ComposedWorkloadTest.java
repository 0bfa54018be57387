package io.exomarket.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.kube.SimulatedCloudNativePg;
import io.exomarket.testkit.kube.ThirdPartyCrds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Offerings as workload graphs through the real operator on the mock API server: the CloudNativePG
 * sample (a third-party custom resource, its simulated controller) and the acme-db graph with its
 * Ingress, through the lifecycle; the offering's verdict in its status; a broken edit that leaves
 * running instances alone; an expression that fails for one instance only.
 */
@MockApiTier
class ComposedWorkloadTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String CNPG_SERVICE = "4d2e6f1a-8b3c-4a5d-9e7f-1c2b3a4d5e6f";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.onMock().operator(c -> c);

  private static KubernetesClient client;
  private static SimulatedCloudNativePg cnpg;

  @BeforeAll
  static void start() {
    client = harness.client();
    ThirdPartyCrds.installCloudNativePg(client, false);
    cnpg = SimulatedCloudNativePg.start(harness.kube().newClient(), Duration.ofMillis(100));
    client.resource(Fixtures.sample(client, "cnpg-postgres.yaml")).create();
  }

  @AfterAll
  static void stop() {
    if (cnpg != null) {
      cnpg.close();
    }
  }

  @Test
  void aCloudNativePgClusterGoesThroughTheLifecycle() {
    String ns = newNamespace();
    ManagedServiceInstance msi = cnpgInstance(ns, "pg", "pg-single");
    client.resource(msi).create();

    ManagedServiceInstance ready = Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
    GenericKubernetesResource cluster = cluster(ns, "pg");
    assertThat(cluster.<Object>get("spec", "instances")).isEqualTo(1);
    assertThat(cluster.<Object>get("spec", "storage", "size")).isEqualTo("20Gi");
    assertThat(cluster.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid()));
    assertThat(backup(ns, "pg-nightly").<Object>get("spec", "cluster", "name")).isEqualTo("pg");
    assertThat(ready.getStatus().getEndpoint()).isEqualTo("pg-rw." + ns + ".svc:5432");
    assertThat(ready.getStatus().getOutputs())
        .containsEntry("readEndpoint", "pg-r." + ns + ".svc:5432");

    // User sync: a spec change the graph does not read settles at once.
    Fixtures.edit(
        client,
        msi,
        m -> m.getSpec().setUsers(List.of(new ServiceUser("a@acme.ch", "A", "admin"))));
    Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);

    Fixtures.edit(client, msi, m -> m.getSpec().setSuspended(true));
    Awaits.awaitState(client, msi, InstanceState.Suspended, TIMEOUT);
    assertThat(cluster(ns, "pg").getMetadata().getAnnotations())
        .containsEntry(SimulatedCloudNativePg.HIBERNATION, "on");
    assertThat(backup(ns, "pg-nightly").<Object>get("spec", "suspend")).isEqualTo(true);

    Fixtures.edit(client, msi, m -> m.getSpec().setSuspended(false));
    Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
    assertThat(cluster(ns, "pg").getMetadata().getAnnotations())
        .containsEntry(SimulatedCloudNativePg.HIBERNATION, "off");

    Fixtures.edit(client, msi, m -> m.getSpec().setPlanId("pg-ha"));
    Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
    assertThat(cluster(ns, "pg").<Object>get("spec", "instances")).isEqualTo(3);
    assertThat(cluster(ns, "pg").<Object>get("spec", "storage", "size")).isEqualTo("100Gi");

    client.resource(msi).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(msi).get() == null);
    assertThat(clusters(ns)).isEmpty();
    assertThat(
            client
                .genericKubernetesResources(SimulatedCloudNativePg.API_VERSION, "ScheduledBackup")
                .inNamespace(ns)
                .list()
                .getItems())
        .isEmpty();
    assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems()).isEmpty();
  }

  @Test
  void theIngressExistsOnExposedPlansAndGivesTheDashboardUrl() {
    client.resource(Fixtures.sample(client, "acme-db-graph.yaml")).update();
    try {
      String ns = newNamespace();
      ManagedServiceInstance msi = Fixtures.instance(ns, "db", Fixtures.SMALL);
      client.resource(msi).create();
      Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      assertThat(ingress(ns, "db")).isNull();

      Fixtures.edit(client, msi, m -> m.getSpec().setPlanId(Fixtures.LARGE));
      ManagedServiceInstance large = Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      String host = msi.getSpec().getInstanceId() + ".db.example.com";
      assertThat(ingress(ns, "db").getSpec().getRules().get(0).getHost()).isEqualTo(host);
      assertThat(ingress(ns, "db").getSpec().getTls().get(0).getSecretName()).isEqualTo("db-tls");
      assertThat(large.getStatus().getDashboardUrl()).isEqualTo("https://" + host);

      Fixtures.edit(client, msi, m -> m.getSpec().setPlanId(Fixtures.SMALL));
      Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ingress(ns, "db")).isNull());
    } finally {
      Fixtures.installOffering(client);
    }
  }

  @Test
  void anOfferingSaysWhetherItsGraphCompiles() {
    ServiceOffering offering = Fixtures.sample(client, "cnpg-postgres.yaml");
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ready(client.resource(offering).get()))
                    .isNotNull()
                    .satisfies(
                        c -> {
                          assertThat(c.getStatus()).isEqualTo("True");
                          assertThat(c.getReason()).isEqualTo(Reason.OFFERING_VALID.value());
                          assertThat(c.getMessage())
                              .isEqualTo("workload graph of 3 resources compiled");
                        }));

    ServiceOffering broken = Fixtures.sample(client, "cnpg-postgres.yaml");
    broken.getMetadata().setName("broken-pg");
    broken.getSpec().setId("0b0b0b0b-1111-4222-8333-444455556666");
    spec(broken.getSpec().getWorkload().getResources().get(1))
        .put("schedule", "${clustr.metadata.name}");
    client.resource(broken).create();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ServiceOffering seen = client.resource(broken).get();
              Condition ready = ready(seen);
              assertThat(ready).isNotNull();
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo(Reason.INVALID_TEMPLATE.value());
              assertThat(ready.getMessage()).contains("resource 'backup'", "clustr");
              assertThat(seen.getStatus().getObservedGeneration())
                  .isEqualTo(seen.getMetadata().getGeneration());
            });

    // An instance of it cannot run: Stalled with the offering's message.
    String ns = newNamespace();
    ManagedServiceInstance msi = cnpgInstance(ns, "pg", "pg-single");
    msi.getSpec().setServiceId(broken.getSpec().getId());
    client.resource(msi).create();
    ManagedServiceInstance failed = Awaits.awaitState(client, msi, InstanceState.Failed, TIMEOUT);
    assertThat(failed.getStatus().condition(ConditionType.STALLED).orElseThrow().getReason())
        .isEqualTo(Reason.INVALID_TEMPLATE.value());
    assertThat(clusters(ns)).isEmpty();
  }

  @Test
  void aBrokenEditLeavesRunningInstancesAlone() {
    ServiceOffering offering = Fixtures.sample(client, "cnpg-postgres.yaml");
    offering.getMetadata().setName("edited-pg");
    offering.getSpec().setId("0c0c0c0c-1111-4222-8333-444455556666");
    client.resource(offering).create();
    String ns = newNamespace();
    ManagedServiceInstance msi = cnpgInstance(ns, "pg", "pg-single");
    msi.getSpec().setServiceId(offering.getSpec().getId());
    client.resource(msi).create();
    Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
    String clusterVersion = cluster(ns, "pg").getMetadata().getResourceVersion();

    ServiceOffering edit = client.resource(offering).get();
    spec(edit.getSpec().getWorkload().getResources().get(0)).put("instances", "${plan.nope +}");
    client.resource(edit).update();
    await()
        .atMost(TIMEOUT)
        .until(() -> "False".equals(ready(client.resource(offering).get()).getStatus()));

    // A change of the instance makes it reconcile on the last valid graph, with a warning.
    Fixtures.edit(
        client,
        msi,
        m -> m.getSpec().setUsers(List.of(new ServiceUser("b@acme.ch", "B", "admin"))));
    Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                events(ns).stream()
                    .anyMatch(
                        e ->
                            "Warning".equals(e.getType())
                                && Reason.INVALID_TEMPLATE.value().equals(e.getReason())));
    assertThat(cluster(ns, "pg").getMetadata().getResourceVersion()).isEqualTo(clusterVersion);
  }

  @Test
  void anExpressionThatFailsForOneInstanceStallsOnlyThatOne() {
    ServiceOffering offering = Fixtures.sample(client, "cnpg-postgres.yaml");
    offering.getMetadata().setName("divided-pg");
    offering.getSpec().setId("0d0d0d0d-1111-4222-8333-444455556666");
    offering.getSpec().getPlans().get(0).getSchemas().setCreate(null);
    spec(offering.getSpec().getWorkload().getResources().get(0))
        .put("instances", "${10 / int(instance.spec.parameters.?divisor.orValue(1))}");
    client.resource(offering).create();
    String ns = newNamespace();
    ManagedServiceInstance good = cnpgInstance(ns, "good", "pg-single");
    good.getSpec().setServiceId(offering.getSpec().getId());
    ManagedServiceInstance bad = cnpgInstance(ns, "bad", "pg-single");
    bad.getSpec().setServiceId(offering.getSpec().getId());
    bad.getSpec()
        .setParameters(
            client
                .getKubernetesSerialization()
                .convertValue(Map.of("divisor", 0), com.fasterxml.jackson.databind.JsonNode.class));
    client.resource(good).create();
    client.resource(bad).create();

    Awaits.awaitState(client, good, InstanceState.Ready, TIMEOUT);
    assertThat(cluster(ns, "good").<Object>get("spec", "instances")).isEqualTo(10);
    ManagedServiceInstance failed = Awaits.awaitState(client, bad, InstanceState.Failed, TIMEOUT);
    Condition stalled = failed.getStatus().condition(ConditionType.STALLED).orElseThrow();
    assertThat(stalled.getReason()).isEqualTo(Reason.INVALID_TEMPLATE.value());
    assertThat(stalled.getMessage())
        .contains("resource 'cluster'", "template.spec.instances", "/ by zero");
  }

  private static String newNamespace() {
    String ns = "tenant-graph-" + NAMESPACES.incrementAndGet();
    Fixtures.namespace(client, ns);
    return ns;
  }

  private static ManagedServiceInstance cnpgInstance(String ns, String name, String plan) {
    ManagedServiceInstance msi = Fixtures.instance(ns, name, plan);
    msi.getSpec().setServiceId(CNPG_SERVICE);
    return msi;
  }

  private static GenericKubernetesResource cluster(String ns, String name) {
    return client
        .genericKubernetesResources(SimulatedCloudNativePg.API_VERSION, "Cluster")
        .inNamespace(ns)
        .withName(name)
        .get();
  }

  private static List<GenericKubernetesResource> clusters(String ns) {
    return client
        .genericKubernetesResources(SimulatedCloudNativePg.API_VERSION, "Cluster")
        .inNamespace(ns)
        .list()
        .getItems();
  }

  private static GenericKubernetesResource backup(String ns, String name) {
    return client
        .genericKubernetesResources(SimulatedCloudNativePg.API_VERSION, "ScheduledBackup")
        .inNamespace(ns)
        .withName(name)
        .get();
  }

  private static Ingress ingress(String ns, String name) {
    return client.network().v1().ingresses().inNamespace(ns).withName(name).get();
  }

  private static List<Event> events(String ns) {
    return client.v1().events().inNamespace(ns).list().getItems();
  }

  private static Condition ready(ServiceOffering offering) {
    return offering == null || offering.getStatus() == null
        ? null
        : offering.getStatus().condition(ConditionType.READY).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(io.exomarket.api.v1alpha1.GraphResource resource) {
    return (Map<String, Object>) resource.getTemplate().get("spec");
  }
}
