package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.LARGE;
import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.exomarket.operator.quota.TenantQuotaReconciler;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real operator against the fabric8 mock API server, with a simulated kubelet. */
@MockApiTier
class InstanceLifecycleTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.onMock().operator(c -> c.withHttpPort(0));

  private static KubernetesClient client;
  private static ExomarketOperator operator;

  @BeforeAll
  static void start() {
    client = harness.client();
    operator = harness.operator();
  }

  private static String newNamespace() {
    String ns = "tenant-" + NAMESPACES.incrementAndGet();
    Fixtures.namespace(client, ns);
    return ns;
  }

  private static ManagedServiceInstance get(ManagedServiceInstance msi) {
    return client.resource(msi).get();
  }

  private static ManagedServiceInstance awaitState(
      ManagedServiceInstance msi, InstanceState state) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              ManagedServiceInstance current = get(msi);
              return current != null
                  && current.getStatus() != null
                  && current.getStatus().getState() == state
                  && current.getStatus().getObservedGeneration() != null
                  && current
                      .getStatus()
                      .getObservedGeneration()
                      .equals(current.getMetadata().getGeneration());
            });
    return get(msi);
  }

  private static StatefulSet workload(ManagedServiceInstance msi) {
    return client
        .apps()
        .statefulSets()
        .inNamespace(msi.getMetadata().getNamespace())
        .withName(msi.getMetadata().getName())
        .get();
  }

  private static ManagedServiceInstance edit(
      ManagedServiceInstance msi, java.util.function.Consumer<ManagedServiceInstance> change) {
    return client
        .resource(get(msi))
        .edit(
            m -> {
              change.accept(m);
              return m;
            });
  }

  private static Condition condition(ManagedServiceInstance msi, String type) {
    return msi.getStatus().condition(type).orElseThrow();
  }

  @Test
  void provisionsAnInstanceToReady() {
    String ns = newNamespace();
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();

    ManagedServiceInstance ready = awaitState(msi, InstanceState.Ready);

    assertThat(ready.getMetadata().getFinalizers()).contains(ApiGroup.NAME + "/finalizer");
    assertThat(ready.getStatus().getBillableSince()).isNotNull();
    assertThat(ready.getStatus().getDashboardUrl())
        .isEqualTo("https://" + ready.getSpec().getInstanceId() + ".db.example.com");
    assertThat(ready.getStatus().getLastOperation().getType()).isEqualTo(OperationType.PROVISION);
    assertThat(ready.getStatus().getLastOperation().getState()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(ready.getStatus().getLastOperation().getEndTime()).isNotNull();
    assertThat(condition(ready, ConditionType.READY).getStatus()).isEqualTo("True");
    assertThat(condition(ready, ConditionType.RECONCILING).getStatus()).isEqualTo("False");
    assertThat(condition(ready, ConditionType.STALLED).getStatus()).isEqualTo("False");
    assertThat(ready.getStatus().getConditions())
        .allSatisfy(
            c ->
                assertThat(c.getObservedGeneration())
                    .isEqualTo(ready.getMetadata().getGeneration()));

    StatefulSet sts = workload(ready);
    assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
    var container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example.com/acme-db:1.4.2");
    assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
    assertThat(sts.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid()));
    assertThat(client.secrets().inNamespace(ns).withName("db-credentials").get().getData())
        .containsKeys("username", "password");
    assertThat(
            client
                .configMaps()
                .inNamespace(ns)
                .withName("db-users")
                .get()
                .getData()
                .get("users.json"))
        .contains("owner@acme.ch");
    assertThat(client.services().inNamespace(ns).withName("db").get().getSpec().getClusterIP())
        .isEqualTo("None");
    assertThat(
            client.network().v1().networkPolicies().inNamespace(ns).withName("db-isolation").get())
        .isNotNull();
    // The quota has a controller of its own: it follows the instance, without holding it up.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resourceQuotas()
                            .inNamespace(ns)
                            .withName(TenantQuotaReconciler.QUOTA_NAME)
                            .get()
                            .getSpec()
                            .getHard())
                    .containsEntry("pods", new Quantity("1")));
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .extracting(e -> e.getReason())
        .contains("Ready");
  }

  @Test
  void changesPlanAndUsersWithoutRotatingCredentials() {
    String ns = newNamespace();
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    awaitState(msi, InstanceState.Ready);
    String password =
        client.secrets().inNamespace(ns).withName("db-credentials").get().getData().get("password");

    edit(
        msi,
        m -> {
          m.getSpec().setPlanId(LARGE);
          m.getSpec().setUsers(List.of(new ServiceUser("tech@acme.ch", "Tim Tech", "tech")));
        });
    ManagedServiceInstance ready = awaitState(msi, InstanceState.Ready);

    assertThat(ready.getStatus().getLastOperation().getType()).isEqualTo(OperationType.UPDATE);
    assertThat(ready.getStatus().getLastOperation().getState()).isEqualTo(OperationState.SUCCEEDED);
    StatefulSet sts = workload(ready);
    assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
    assertThat(
            sts.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
        .containsEntry("cpu", new Quantity("2"));
    assertThat(
            client
                .configMaps()
                .inNamespace(ns)
                .withName("db-users")
                .get()
                .getData()
                .get("users.json"))
        .contains("tech@acme.ch")
        .doesNotContain("owner@acme.ch");
    assertThat(
            client
                .secrets()
                .inNamespace(ns)
                .withName("db-credentials")
                .get()
                .getData()
                .get("password"))
        .isEqualTo(password);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resourceQuotas()
                            .inNamespace(ns)
                            .withName(TenantQuotaReconciler.QUOTA_NAME)
                            .get()
                            .getSpec()
                            .getHard())
                    .containsEntry("pods", new Quantity("2")));
    // The claims of the first replica grew to the large plan's storage.
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(ns)
                .withName("data-db-0")
                .get()
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage"))
        .isEqualTo(new Quantity("50Gi"));
  }

  @Test
  void suspendsKeepingDataAndResumes() {
    String ns = newNamespace();
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    ManagedServiceInstance ready = awaitState(msi, InstanceState.Ready);
    String billableSince = ready.getStatus().getBillableSince();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get()
                    != null);

    edit(msi, m -> m.getSpec().setSuspended(true));
    ManagedServiceInstance suspended = awaitState(msi, InstanceState.Suspended);

    assertThat(workload(suspended).getSpec().getReplicas()).isZero();
    assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get())
        .isNotNull();
    assertThat(suspended.getSpec().getPlanId()).isEqualTo(SMALL);
    assertThat(suspended.getStatus().getLastOperation().getType()).isEqualTo(OperationType.SUSPEND);
    assertThat(suspended.getStatus().getLastOperation().getState())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(condition(suspended, ConditionType.SUSPENDED).getStatus()).isEqualTo("True");
    assertThat(condition(suspended, ConditionType.READY).getReason()).isEqualTo("Suspended");

    edit(msi, m -> m.getSpec().setSuspended(false));
    ManagedServiceInstance resumed = awaitState(msi, InstanceState.Ready);

    assertThat(workload(resumed).getSpec().getReplicas()).isEqualTo(1);
    assertThat(resumed.getStatus().getLastOperation().getType()).isEqualTo(OperationType.RESUME);
    assertThat(condition(resumed, ConditionType.SUSPENDED).getStatus()).isEqualTo("False");
    assertThat(resumed.getStatus().getBillableSince()).isEqualTo(billableSince);
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .extracting(e -> e.getReason())
        .contains("Suspending", "Suspended", "Ready");
  }

  @Test
  void deletionRemovesEverything() {
    String ns = newNamespace();
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    awaitState(msi, InstanceState.Ready);
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get()
                    != null);

    client.resource(get(msi)).delete();

    await().atMost(TIMEOUT).until(() -> get(msi) == null);
    assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.services().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.persistentVolumeClaims().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.resourceQuotas().inNamespace(ns).list().getItems()).isEmpty();
  }

  @Test
  void quotaCoversEveryInstanceOfTheTenant() {
    String ns = newNamespace();
    ManagedServiceInstance a = client.resource(Fixtures.instance(ns, "a", SMALL)).create();
    ManagedServiceInstance b = client.resource(Fixtures.instance(ns, "b", LARGE)).create();
    awaitState(a, InstanceState.Ready);
    awaitState(b, InstanceState.Ready);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resourceQuotas()
                            .inNamespace(ns)
                            .withName(TenantQuotaReconciler.QUOTA_NAME)
                            .get()
                            .getSpec()
                            .getHard())
                    .containsEntry("pods", new Quantity("3")));
    var hard =
        client
            .resourceQuotas()
            .inNamespace(ns)
            .withName(TenantQuotaReconciler.QUOTA_NAME)
            .get()
            .getSpec()
            .getHard();
    assertThat(hard.get("requests.cpu").getNumericalAmount()).isEqualByComparingTo("5");

    client.resource(get(b)).delete();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resourceQuotas()
                            .inNamespace(ns)
                            .withName(TenantQuotaReconciler.QUOTA_NAME)
                            .get()
                            .getSpec()
                            .getHard())
                    .containsEntry("pods", new Quantity("1")));
  }

  @Test
  void unknownPlanStallsAndRecoversWhenThePlanAppears() {
    String ns = newNamespace();
    ManagedServiceInstance msi =
        client.resource(Fixtures.instance(ns, "db", "plan-medium")).create();

    ManagedServiceInstance failed = awaitState(msi, InstanceState.Failed);
    assertThat(condition(failed, ConditionType.STALLED).getStatus()).isEqualTo("True");
    assertThat(condition(failed, ConditionType.STALLED).getReason()).isEqualTo("PlanNotFound");
    assertThat(failed.getStatus().getMessage()).contains("plan-medium");
    assertThat(failed.getStatus().getLastOperation().getState()).isEqualTo(OperationState.FAILED);
    assertThat(workload(failed)).isNull();

    ServiceOffering offering = client.resources(ServiceOffering.class).withName("acme-db").get();
    var medium =
        client.getKubernetesSerialization().clone(offering.getSpec().plan(SMALL).orElseThrow());
    medium.setId("plan-medium");
    medium.setName("medium");
    client
        .resources(ServiceOffering.class)
        .withName("acme-db")
        .edit(
            o -> {
              o.getSpec().getPlans().add(medium);
              return o;
            });

    ManagedServiceInstance ready = awaitState(msi, InstanceState.Ready);
    assertThat(condition(ready, ConditionType.STALLED).getStatus()).isEqualTo("False");
    assertThat(ready.getStatus().getLastOperation().getState()).isEqualTo(OperationState.SUCCEEDED);
  }

  @Test
  void invalidParametersStall() {
    String ns = newNamespace();
    ManagedServiceInstance msi = Fixtures.instance(ns, "db", SMALL);
    msi.getSpec()
        .setParameters(
            client
                .getKubernetesSerialization()
                .convertValue(
                    Map.of("version", "9"), com.fasterxml.jackson.databind.JsonNode.class));
    client.resource(msi).create();

    ManagedServiceInstance failed = awaitState(msi, InstanceState.Failed);
    assertThat(condition(failed, ConditionType.STALLED).getReason()).isEqualTo("InvalidParameters");

    edit(
        msi,
        m ->
            m.getSpec()
                .setParameters(
                    client
                        .getKubernetesSerialization()
                        .convertValue(
                            Map.of("version", "16"),
                            com.fasterxml.jackson.databind.JsonNode.class)));
    awaitState(msi, InstanceState.Ready);
  }

  @Test
  void pausedInstanceIsLeftAlone() {
    String ns = newNamespace();
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    awaitState(msi, InstanceState.Ready);

    edit(msi, m -> m.getMetadata().getAnnotations().put(ApiGroup.PAUSED_ANNOTATION, "true"));
    await().atMost(TIMEOUT).until(() -> get(msi).getStatus().isConditionTrue(ConditionType.PAUSED));
    edit(msi, m -> m.getSpec().setPlanId(LARGE));
    // The operator sees the change (the Paused condition carries the new generation) and applies
    // nothing.
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                condition(get(msi), ConditionType.PAUSED)
                    .getObservedGeneration()
                    .equals(get(msi).getMetadata().getGeneration()));
    assertThat(workload(msi).getSpec().getReplicas()).isEqualTo(1);

    edit(msi, m -> m.getMetadata().getAnnotations().remove(ApiGroup.PAUSED_ANNOTATION));
    ManagedServiceInstance ready = awaitState(msi, InstanceState.Ready);
    assertThat(workload(ready).getSpec().getReplicas()).isEqualTo(2);
    assertThat(ready.getStatus().condition(ConditionType.PAUSED)).isEmpty();
  }

  @Test
  void preventDeletionAnnotationHoldsTheFinalizer() {
    String ns = newNamespace();
    ManagedServiceInstance msi = Fixtures.instance(ns, "db", SMALL);
    msi.getMetadata().setAnnotations(Map.of(ApiGroup.PREVENT_DELETION_ANNOTATION, "true"));
    client.resource(msi).create();
    awaitState(msi, InstanceState.Ready);
    assertThat(condition(get(msi), ConditionType.DELETION_PROTECTED).getStatus()).isEqualTo("True");

    client.resource(get(msi)).delete();
    await().atMost(TIMEOUT).until(() -> get(msi).getStatus().getState() == InstanceState.Deleting);
    assertThat(get(msi).getStatus().getMessage()).contains("deletion blocked");
    assertThat(workload(msi)).isNotNull();

    edit(msi, m -> m.getMetadata().getAnnotations().remove(ApiGroup.PREVENT_DELETION_ANNOTATION));
    await().atMost(TIMEOUT).until(() -> get(msi) == null);
    assertThat(workload(msi)).isNull();
  }

  @Test
  void orphanDeletionPolicyLeavesTheWorkloadWithoutOwnerReferences() {
    String ns = newNamespace();
    ManagedServiceInstance msi = Fixtures.instance(ns, "db", SMALL);
    msi.getMetadata()
        .setAnnotations(
            Map.of(ApiGroup.DELETION_POLICY_ANNOTATION, ApiGroup.DELETION_POLICY_ORPHAN));
    client.resource(msi).create();
    ManagedServiceInstance ready = awaitState(msi, InstanceState.Ready);
    String uid = ready.getMetadata().getUid();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get()
                    != null);
    assertThat(workload(ready).getMetadata().getOwnerReferences())
        .anyMatch(o -> uid.equals(o.getUid()));

    client.resource(get(msi)).delete();

    await().atMost(TIMEOUT).until(() -> get(msi) == null);
    List<io.fabric8.kubernetes.api.model.HasMetadata> left =
        List.of(
            client.apps().statefulSets().inNamespace(ns).withName("db").get(),
            client.services().inNamespace(ns).withName("db").get(),
            client.secrets().inNamespace(ns).withName("db-credentials").get(),
            client.configMaps().inNamespace(ns).withName("db-users").get(),
            client.network().v1().networkPolicies().inNamespace(ns).withName("db-isolation").get(),
            client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get());
    assertThat(left)
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getDeletionTimestamp()).isNull();
              assertThat(o.getMetadata().getOwnerReferences())
                  .noneMatch(ref -> uid.equals(ref.getUid()));
            });
    assertThat(workload(msi).getSpec().getReplicas()).isEqualTo(1);
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .extracting(e -> e.getReason())
        .contains("Deleting", "Orphaned")
        .doesNotContain("Deleted");
    // The tenant quota no longer counts the deleted instance.
    await()
        .atMost(TIMEOUT)
        .until(() -> client.resourceQuotas().inNamespace(ns).list().getItems().isEmpty());
  }
}
