package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.status.ConditionType;
import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.BindingState;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceBindingSpec;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.operator.binding.BindingReconciler;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bindings through the real operator (mock API server): bind makes the binding's own credential
 * once, in a Secret the binding owns, rendered by the offering's CEL template; the credential is
 * never in the binding, its events or status; unbind revokes it and releases the finalizer.
 */
@MockApiTier
class BindingLifecycleTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.onMock().operator(c -> c.withHttpPort(0));

  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    client = harness.client();
  }

  static ManagedServiceBinding binding(ManagedServiceInstance instance, String name) {
    ManagedServiceBinding binding = new ManagedServiceBinding();
    binding.getMetadata().setName(name);
    binding.getMetadata().setNamespace(instance.getMetadata().getNamespace());
    ManagedServiceBindingSpec spec = new ManagedServiceBindingSpec();
    spec.setInstanceName(instance.getMetadata().getName());
    spec.setInstanceId(instance.getSpec().getInstanceId());
    spec.setBindingId(UUID.randomUUID().toString());
    spec.setParameters(JSON.createObjectNode().put("database", "orders"));
    binding.setSpec(spec);
    return binding;
  }

  static ManagedServiceBinding awaitBound(ManagedServiceBinding binding) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              ManagedServiceBinding current = client.resource(binding).get();
              return current != null && OperationProgress.ofBinding(current).succeeded();
            });
    return client.resource(binding).get();
  }

  private static String decode(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void bindMakesItsOwnCredentialOnceAndUnbindRevokesIt() throws Exception {
    String ns = harness.newNamespace("tenant-bind");
    ManagedServiceInstance instance = client.resource(Fixtures.instance(ns, "db", SMALL)).create();
    Awaits.awaitState(client, instance, InstanceState.Ready, TIMEOUT);

    ManagedServiceBinding bound = awaitBound(client.resource(binding(instance, "app")).create());
    assertThat(bound.getMetadata().getFinalizers()).contains(BindingReconciler.FINALIZER);
    assertThat(bound.getStatus().getState()).isEqualTo(BindingState.Ready);
    assertThat(bound.getStatus().getObservedGeneration())
        .isEqualTo(bound.getMetadata().getGeneration());
    assertThat(bound.getStatus().isConditionTrue(ConditionType.READY)).isTrue();
    assertThat(bound.getStatus().getLastOperation().getType()).isEqualTo(OperationType.BIND);
    assertThat(bound.getStatus().getLastOperation().getState()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(bound.getStatus().getSecretName()).isEqualTo("app-credentials");

    Secret secret = client.secrets().inNamespace(ns).withName("app-credentials").get();
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("ManagedServiceBinding");
              assertThat(o.getUid()).isEqualTo(bound.getMetadata().getUid());
            });
    String username = decode(secret, "username");
    String password = decode(secret, "password");
    assertThat(username).startsWith("b_");
    assertThat(password).hasSizeGreaterThanOrEqualTo(24);
    // The instance's admin credential is not the binding's.
    Secret admin = client.secrets().inNamespace(ns).withName("db-credentials").get();
    if (admin != null) assertThat(decode(admin, "password")).isNotEqualTo(password);
    JsonNode credentials = JSON.readTree(decode(secret, "credentials.json"));
    assertThat(credentials.get("host").asText()).isEqualTo("db." + ns + ".svc");
    assertThat(credentials.get("port").asInt()).isEqualTo(5432);
    assertThat(credentials.get("username").asText()).isEqualTo(username);
    assertThat(credentials.get("password").asText()).isEqualTo(password);
    assertThat(credentials.get("uri").asText())
        .isEqualTo("postgres://" + username + ":" + password + "@db." + ns + ".svc:5432/orders");

    // No credential in the binding (spec, status) nor in any event.
    assertThat(JSON.writeValueAsString(bound)).doesNotContain(password);
    assertThat(
            client.v1().events().inNamespace(ns).list().getItems().stream()
                .map(e -> e.getMessage() + e.getReason()))
        .noneMatch(m -> m.contains(password));

    // Another reconcile (an edit) never makes a new password.
    client
        .resource(bound)
        .edit(
            b -> {
              b.getMetadata().setAnnotations(Map.of("touched", "yes"));
              return b;
            });
    // It holds the whole time the edit is being reconciled, not only at one moment after a sleep.
    await()
        .during(java.time.Duration.ofMillis(500))
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        decode(
                            client.secrets().inNamespace(ns).withName("app-credentials").get(),
                            "password"))
                    .isEqualTo(password));

    // Unbind: the credential goes, then the binding (its finalizer released).
    client.resource(bound).delete();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.resource(bound).get() == null
                    && client.secrets().inNamespace(ns).withName("app-credentials").get() == null);
  }

  @Test
  void aBindingWaitsForItsInstanceAndStallsWithoutOne() {
    String ns = harness.newNamespace("tenant-wait");
    ManagedServiceInstance missing = Fixtures.instance(ns, "later", SMALL);
    ManagedServiceBinding early = client.resource(binding(missing, "early")).create();
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              ManagedServiceBinding b = client.resource(early).get();
              return b.getStatus() != null
                  && b.getStatus().getState() == BindingState.Failed
                  && b.getStatus().isConditionTrue(ConditionType.STALLED)
                  && b.getStatus().getConditions().stream()
                      .anyMatch(c -> "InstanceNotFound".equals(c.getReason()));
            });
    // The instance appears (GitOps applied both): the binding recovers by itself.
    client.resource(missing).create();
    ManagedServiceBinding bound = awaitBound(early);
    assertThat(bound.getStatus().isConditionTrue(ConditionType.STALLED)).isFalse();
  }
}
