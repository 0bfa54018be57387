package io.exomarket.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.testkit.junit.E2eTier;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scenario 2: GitOps, no broker: an MSI applied from YAML, changed and deleted through the API. */
@E2eTier
class GitOpsE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static E2eEnvironment env;

  @BeforeAll
  static void start() {
    env = new E2eEnvironment(Duration.ofMillis(300), Duration.ofSeconds(30));
    env.startOperator();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void msiAppliedFromYamlChangedAndDeleted() {
    KubernetesClient k = env.client();
    String org = UUID.randomUUID().toString();
    String ns = "gitops-" + org.substring(0, 8);
    k.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .createOr(r -> r.update());
    String yaml =
        """
        apiVersion: marketplace.exomarket.io/v1alpha1
        kind: ManagedServiceInstance
        metadata:
          name: orders-db
          namespace: %s
        spec:
          instanceId: gitops-orders-db
          serviceId: 9f3a1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5b
          planId: plan-small
          organization: %s
          users:
            - {email: owner@acme.ch, fullName: Ada Owner, role: owner}
          parameters: {version: "16"}
        """
            .formatted(ns, org);
    k.resource(yaml).create();
    var msi = k.resources(ManagedServiceInstance.class).inNamespace(ns).withName("orders-db");
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              // One read per look: two reads may see two versions.
              ManagedServiceInstance m = msi.get();
              return m != null
                  && m.getStatus() != null
                  && m.getStatus().getState() == InstanceState.Ready;
            });
    assertThat(k.apps().statefulSets().inNamespace(ns).list().getItems()).hasSize(1);

    // Changed in Git: a bigger plan and another user, applied as an update of the same object.
    // Like a GitOps tool, the apply is retried when the operator wrote status in between (409).
    String changed =
        yaml.replace("plan-small", "plan-large")
            .replace(
                "    - {email: owner@acme.ch, fullName: Ada Owner, role: owner}",
                "    - {email: owner@acme.ch, fullName: Ada Owner, role: owner}\n"
                    + "    - {email: tech@acme.ch, fullName: Tim Tech, role: tech}");
    await()
        .atMost(TIMEOUT)
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(() -> k.resource(changed).update() != null);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ManagedServiceInstance m = msi.get();
              assertThat(m.getStatus()).isNotNull();
              assertThat(m.getStatus().getObservedGeneration())
                  .isEqualTo(m.getMetadata().getGeneration());
              assertThat(m.getStatus().getState()).isEqualTo(InstanceState.Ready);
              assertThat(m.getStatus().getAppliedSpec().getPlanId()).isEqualTo("plan-large");
            });
    StatefulSet sts = k.apps().statefulSets().inNamespace(ns).list().getItems().get(0);
    assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
    assertThat(msi.get().getSpec().getUsers()).hasSize(2);

    // Removed from Git.
    msi.delete();
    await().atMost(TIMEOUT).until(() -> msi.get() == null);
    assertThat(k.apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(k.configMaps().inNamespace(ns).list().getItems())
        .noneMatch(cm -> cm.getMetadata().getName().startsWith("orders-db"));
  }
}
