package io.exomarket.operator.retention;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ResourceDeletionPolicy;
import io.exomarket.api.v1alpha1.RetentionSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.kube.ThirdPartyCrds;
import io.exomarket.testkit.time.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deprovision keeps the data volumes for the offering's retainFor, then the purge loop goes. */
@MockApiTier
class DataRetentionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

  @RegisterExtension
  static final OperatorHarness harness =
      OperatorHarness.onMock()
          .operator(
              c ->
                  c.withHttpPort(-1)
                      .withClock(CLOCK)
                      .withRetentionPurgeInterval(Duration.ofMillis(200)));

  @Test
  void deprovisionKeepsLabelledVolumesUntilTheirPurgeAfterTime() {
    KubernetesClient client = harness.client();
    retainFor(client, "168h");
    String ns = "tenant-retained";
    Fixtures.namespace(client, ns);
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
    await().atMost(TIMEOUT).until(() -> claim(client, ns) != null);
    Instant deprovisioned = CLOCK.instant();

    client.resource(client.resource(msi).get()).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(msi).get() == null);

    PersistentVolumeClaim kept = claim(client, ns);
    assertThat(kept).isNotNull();
    assertThat(kept.getMetadata().getDeletionTimestamp()).isNull();
    assertThat(kept.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(kept.getMetadata().getLabels())
        .doesNotContainKey(ApiGroup.INSTANCE_LABEL)
        .containsEntry(ApiGroup.RETAINED_LABEL, "true")
        .containsEntry(ApiGroup.RETAINED_INSTANCE_ID_LABEL, msi.getSpec().getInstanceId())
        .containsEntry(ApiGroup.ORGANIZATION_LABEL, Fixtures.ORG);
    assertThat(kept.getMetadata().getAnnotations())
        .containsEntry(
            ApiGroup.PURGE_AFTER_ANNOTATION, deprovisioned.plus(Duration.ofHours(168)).toString())
        .containsEntry(ApiGroup.RETAINED_INSTANCE_ANNOTATION, "db")
        .containsEntry(ApiGroup.ORGANIZATION_ID_ANNOTATION, Fixtures.ORG)
        .containsEntry(ApiGroup.RETAINED_OFFERING_ANNOTATION, Fixtures.SERVICE_ID)
        .containsEntry(ApiGroup.RETAINED_PLAN_ANNOTATION, SMALL);
    assertThat(client.apps().statefulSets().inNamespace(ns).withName("db").get()).isNull();
    assertThat(reasons(client, ns)).contains(Reason.RETAINED.value());
    await()
        .atMost(TIMEOUT)
        .until(() -> Double.valueOf(1).equals(gauge("exomarket_retained_volumes")));

    // Not before its time...
    CLOCK.advance(Duration.ofHours(167));
    await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> claim(client, ns) != null);
    // ...then purged, with an event and a metric.
    double purgedBefore = purgedClaims();
    CLOCK.advance(Duration.ofHours(2));
    await().atMost(TIMEOUT).until(() -> claim(client, ns) == null);
    assertThat(reasons(client, ns)).contains(Reason.PURGED.value());
    assertThat(purgedClaims()).isEqualTo(purgedBefore + 1);
    await().atMost(TIMEOUT).until(() -> gauge("exomarket_retained_volumes") == null);
  }

  @Test
  void aVolumeAnInstanceOfTheSameNameMayUseIsNeverPurged() {
    KubernetesClient client = harness.client();
    retainFor(client, "1h");
    String ns = "tenant-same-name";
    Fixtures.namespace(client, ns);
    ManagedServiceInstance old = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    Awaits.awaitState(client, old, InstanceState.Ready, TIMEOUT);
    await().atMost(TIMEOUT).until(() -> claim(client, ns) != null);
    client.resource(client.resource(old).get()).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(old).get() == null);
    // A new instance takes the name: its StatefulSet adopts data-db-0 by name.
    ManagedServiceInstance again = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    Awaits.awaitState(client, again, InstanceState.Ready, TIMEOUT);

    CLOCK.advance(Duration.ofHours(2));
    await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> claim(client, ns) != null);
    assertThat(claim(client, ns).getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  void retainForZeroDeletesTheVolumesAtOnceAsBefore() {
    KubernetesClient client = harness.client();
    retainFor(client, "0");
    String ns = "tenant-not-retained";
    Fixtures.namespace(client, ns);
    ManagedServiceInstance msi = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
    await().atMost(TIMEOUT).until(() -> claim(client, ns) != null);

    client.resource(client.resource(msi).get()).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(msi).get() == null);
    assertThat(claim(client, ns)).isNull();
    assertThat(reasons(client, ns)).doesNotContain(Reason.RETAINED.value());
  }

  @Test
  void graphResourcesWithDeletionPolicyRetainAreKeptAndPurgedTheSameWay() throws Exception {
    KubernetesClient client = harness.client();
    ServiceOffering offering;
    try (InputStream in =
        Files.newInputStream(
            ThirdPartyCrds.repositoryRoot().resolve("deploy/samples/acme-db-graph.yaml"))) {
      offering = client.getKubernetesSerialization().unmarshal(in, ServiceOffering.class);
    }
    offering.getMetadata().setName("retaining-graph");
    offering.getSpec().setId("7b7b7b7b-1111-4222-8333-444455556666");
    RetentionSpec retention = new RetentionSpec();
    retention.setRetainFor("1h30m");
    offering.getSpec().setRetention(retention);
    // The users ConfigMap stands in for a vendor's backup object that must outlive the instance.
    offering.getSpec().getWorkload().getResources().stream()
        .filter(r -> r.getId().equals("users"))
        .findFirst()
        .orElseThrow()
        .setDeletionPolicy(ResourceDeletionPolicy.RETAIN);
    client.resource(offering).create();
    String ns = "tenant-retained-graph";
    Fixtures.namespace(client, ns);
    ManagedServiceInstance msi = Fixtures.instance(ns, "db", SMALL);
    msi.getSpec().setServiceId(offering.getSpec().getId());
    client.resource(msi).create();
    Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
    await().atMost(TIMEOUT).until(() -> claim(client, ns) != null);
    Instant deprovisioned = CLOCK.instant();

    client.resource(client.resource(msi).get()).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(msi).get() == null);

    ConfigMap users = client.configMaps().inNamespace(ns).withName("db-users").get();
    assertThat(users.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(users.getMetadata().getLabels())
        .doesNotContainKey(ApiGroup.INSTANCE_LABEL)
        .containsEntry(ApiGroup.RETAINED_LABEL, "true");
    assertThat(users.getMetadata().getAnnotations())
        .containsEntry(
            ApiGroup.PURGE_AFTER_ANNOTATION, deprovisioned.plus(Duration.ofMinutes(90)).toString());
    assertThat(claim(client, ns)).isNotNull();
    // Resources without Retain are deleted as always.
    assertThat(client.secrets().inNamespace(ns).withName("db-credentials").get()).isNull();

    CLOCK.advance(Duration.ofHours(2));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                claim(client, ns) == null
                    && client.configMaps().inNamespace(ns).withName("db-users").get() == null);
  }

  @Test
  void restoreClonesTheRetainedVolumesOfTheSameOrganizationOnly() {
    KubernetesClient client = harness.client();
    retainFor(client, "168h");
    String ns = "tenant-restore";
    Fixtures.namespace(client, ns);
    ManagedServiceInstance old = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    Awaits.awaitState(client, old, InstanceState.Ready, TIMEOUT);
    await().atMost(TIMEOUT).until(() -> claim(client, ns) != null);
    client.resource(client.resource(old).get()).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(old).get() == null);
    String oldId = old.getSpec().getInstanceId();

    // Another organization may not have them.
    ManagedServiceInstance stranger = Fixtures.instance(ns, "stranger", SMALL);
    stranger.getSpec().setOrganization("11111111-2222-4333-8444-555555555555");
    stranger.getMetadata().setAnnotations(Map.of(ApiGroup.RESTORE_FROM_ANNOTATION, oldId));
    client.resource(stranger).create();
    assertRefused(client, stranger, "belong to another organization");
    // Nothing retained under that id: refused too.
    ManagedServiceInstance nothing = Fixtures.instance(ns, "nothing", SMALL);
    nothing
        .getMetadata()
        .setAnnotations(
            Map.of(ApiGroup.RESTORE_FROM_ANNOTATION, "00000000-0000-4000-8000-000000000000"));
    client.resource(nothing).create();
    assertRefused(client, nothing, "no retained volume");

    // The same organization: clone claims, named for the new StatefulSet, made before it.
    ManagedServiceInstance restored = Fixtures.instance(ns, "db2", SMALL);
    restored.getMetadata().setAnnotations(Map.of(ApiGroup.RESTORE_FROM_ANNOTATION, oldId));
    client.resource(restored).create();
    Awaits.awaitState(client, restored, InstanceState.Ready, TIMEOUT);
    PersistentVolumeClaim clone =
        client.persistentVolumeClaims().inNamespace(ns).withName("data-db2-0").get();
    assertThat(clone.getSpec().getDataSource().getKind()).isEqualTo("PersistentVolumeClaim");
    assertThat(clone.getSpec().getDataSource().getName()).isEqualTo("data-db-0");
    assertThat(clone.getMetadata().getLabels()).containsEntry(ApiGroup.INSTANCE_LABEL, "db2");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace(ns)
                .withName("db2")
                .get()
                .getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .getMetadata()
                .getName())
        .isEqualTo("data"); // data-db2-0 is the claim the StatefulSet's first pod uses
    assertThat(claim(client, ns)).isNotNull(); // the source stays retained
  }

  private static void assertRefused(
      KubernetesClient client, ManagedServiceInstance msi, String words) {
    ManagedServiceInstance failed = Awaits.awaitState(client, msi, InstanceState.Failed, TIMEOUT);
    Condition stalled = failed.getStatus().condition(ConditionType.STALLED).orElseThrow();
    assertThat(stalled.getReason()).isEqualTo(Reason.RESTORE_REFUSED.value());
    assertThat(stalled.getMessage()).contains(words);
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace(msi.getMetadata().getNamespace())
                .withName(msi.getMetadata().getName())
                .get())
        .isNull();
  }

  private static void retainFor(KubernetesClient client, String period) {
    client
        .resource(client.resource(Fixtures.offering(client)).get())
        .edit(
            o -> {
              RetentionSpec retention = new RetentionSpec();
              retention.setRetainFor(period);
              o.getSpec().setRetention(retention);
              return o;
            });
  }

  private static double purgedClaims() {
    return harness
        .operator()
        .registry()
        .getSampleValue(
            "exomarket_retention_purged_total",
            new String[] {"kind"},
            new String[] {"PersistentVolumeClaim"});
  }

  private static Double gauge(String name) {
    return harness
        .operator()
        .registry()
        .getSampleValue(name, new String[] {"organization"}, new String[] {Fixtures.ORG});
  }

  private static PersistentVolumeClaim claim(KubernetesClient client, String ns) {
    return client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get();
  }

  private static java.util.List<String> reasons(KubernetesClient client, String ns) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .map(e -> e.getReason())
        .toList();
  }
}
