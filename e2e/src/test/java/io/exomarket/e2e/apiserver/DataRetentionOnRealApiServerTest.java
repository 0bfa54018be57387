package io.exomarket.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.RetentionSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.ApiServerTier;
import io.exomarket.testkit.junit.RealApiServer;
import io.exomarket.testkit.kube.DeployRbac;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.time.MutableClock;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention's object shapes where the API server validates them, with the operator on its deploy
 * RBAC: the retained claim (owner references and instance labels gone, marks in place), the clone
 * claim of a restore (dataSource), and the purge (the claim is deleted; pvc-protection keeps it
 * terminating on a bare API server).
 */
@ApiServerTier
class DataRetentionOnRealApiServerTest {
  private static final String SYSTEM = "exomarket-system";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private static RealApiServer api;
  private static KubernetesClient admin;
  private static String token;
  private static ScheduledExecutorService quotaController;

  @BeforeAll
  static void start() throws Exception {
    api = RealApiServer.start();
    admin = api.adminClient();
    Fixtures.namespace(admin, SYSTEM);
    DeployRbac.apply(admin, "base/operator-rbac.yaml");
    token = DeployRbac.token(admin, "exomarket-operator");
    ServiceOffering offering = Fixtures.offering(admin);
    RetentionSpec retention = new RetentionSpec();
    retention.setRetainFor("168h");
    offering.getSpec().setRetention(retention);
    admin.resource(offering).create();
    // No kube-controller-manager: quota admission refuses claims until a quota has a status.
    quotaController = Executors.newSingleThreadScheduledExecutor();
    quotaController.scheduleWithFixedDelay(
        DataRetentionOnRealApiServerTest::computeQuotaStatus, 0, 100, TimeUnit.MILLISECONDS);
  }

  @AfterAll
  static void stop() {
    if (quotaController != null) {
      quotaController.shutdownNow();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void retainedClaimsCloneClaimsAndThePurgeAreAcceptedByTheApiServer() {
    String ns = "tenant-retention";
    // Made as GitOps would, without the grants: the operator grants itself (TenantAccess).
    Fixtures.tenantNamespace(admin, ns);
    OperatorConfig config =
        OperatorConfig.defaults()
            .withClock(CLOCK)
            .withRetentionPurgeInterval(Duration.ofMillis(200));
    try (ExomarketOperator operator = ExomarketOperator.start(api.tokenClient(token), config);
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(api.adminClient(), Duration.ofMillis(50))) {
      ManagedServiceInstance old =
          admin.resource(Fixtures.instance(ns, "db", "plan-small")).create();
      Awaits.awaitState(admin, old, InstanceState.Ready, TIMEOUT);
      await().atMost(TIMEOUT).until(() -> claim(ns, "data-db-0") != null);
      Instant deprovisioned = CLOCK.instant();

      admin.resource(admin.resource(old).get()).delete();
      await().atMost(TIMEOUT).until(() -> admin.resource(old).get() == null);
      PersistentVolumeClaim kept = claim(ns, "data-db-0");
      assertThat(kept.getMetadata().getDeletionTimestamp()).isNull();
      assertThat(kept.getMetadata().getOwnerReferences()).isNullOrEmpty();
      assertThat(kept.getMetadata().getLabels())
          .doesNotContainKey(ApiGroup.INSTANCE_LABEL)
          .containsEntry(ApiGroup.RETAINED_LABEL, "true")
          .containsEntry(ApiGroup.RETAINED_INSTANCE_ID_LABEL, old.getSpec().getInstanceId());
      assertThat(kept.getMetadata().getAnnotations())
          .containsEntry(
              ApiGroup.PURGE_AFTER_ANNOTATION,
              deprovisioned.plus(Duration.ofHours(168)).toString());

      ManagedServiceInstance restored = Fixtures.instance(ns, "db2", "plan-small");
      restored
          .getMetadata()
          .setAnnotations(Map.of(ApiGroup.RESTORE_FROM_ANNOTATION, old.getSpec().getInstanceId()));
      admin.resource(restored).create();
      await().atMost(TIMEOUT).until(() -> claim(ns, "data-db2-0") != null);
      PersistentVolumeClaim clone = claim(ns, "data-db2-0");
      assertThat(clone.getSpec().getDataSource().getName()).isEqualTo("data-db-0");
      assertThat(clone.getSpec().getDataSource().getKind()).isEqualTo("PersistentVolumeClaim");
      assertThat(clone.getSpec().getResources().getRequests())
          .containsEntry("storage", new Quantity("10Gi"));
      Awaits.awaitState(admin, restored, InstanceState.Ready, TIMEOUT);

      CLOCK.advance(Duration.ofHours(169));
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                PersistentVolumeClaim c = claim(ns, "data-db-0");
                return c == null || c.getMetadata().getDeletionTimestamp() != null;
              });
      assertThat(claim(ns, "data-db2-0").getMetadata().getDeletionTimestamp()).isNull();
    }
  }

  private static PersistentVolumeClaim claim(String ns, String name) {
    return admin.persistentVolumeClaims().inNamespace(ns).withName(name).get();
  }

  /** Plays the quota controller: status.hard = spec.hard, nothing used. */
  private static void computeQuotaStatus() {
    try {
      for (ResourceQuota quota : admin.resourceQuotas().inAnyNamespace().list().getItems()) {
        Map<String, Quantity> hard = quota.getSpec().getHard();
        if (quota.getStatus() != null && hard.equals(quota.getStatus().getHard())) {
          continue;
        }
        Map<String, Quantity> used = new LinkedHashMap<>();
        hard.keySet().forEach(k -> used.put(k, new Quantity("0")));
        quota.setStatus(new ResourceQuotaStatus(hard, used));
        admin.resource(quota).updateStatus();
      }
    } catch (RuntimeException e) {
      // next round
    }
  }
}
