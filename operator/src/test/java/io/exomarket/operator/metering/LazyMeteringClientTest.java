package io.exomarket.operator.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.client.ApiVariant;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.kube.MockApiServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MockApiTier
class LazyMeteringClientTest {
  private MockApiServer kube;
  private KubernetesClient client;
  private final AtomicInteger built = new AtomicInteger();
  private LazyMeteringClient lazy;

  @BeforeEach
  void start() {
    kube = MockApiServer.start();
    client = kube.client();
    Fixtures.namespace(client, "ops");
    UsageSettings settings =
        new UsageSettings(
            URI.create("http://127.0.0.1:1"),
            ApiVariant.PARTNER,
            "acme-db",
            "ops",
            "metering",
            Duration.ofMinutes(1),
            Duration.ZERO,
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            Duration.ofHours(1),
            false,
            Duration.ofHours(6));
    lazy =
        new LazyMeteringClient(
            kube.newClient(),
            settings,
            config -> {
              built.incrementAndGet();
              return report -> new CallOutcome.Accepted();
            },
            Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private Secret secret(String secret) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("metering")
        .withNamespace("ops")
        .endMetadata()
        .withStringData(Map.of("key", "EXOtest", "secret", secret))
        .build();
  }

  @Test
  void buildsOnceAndRebuildsOnlyWhenTheSecretChanges() {
    assertThatThrownBy(lazy::get)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not found");
    client.resource(secret("one")).create();
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> lazy.get() != null);
    MeteringClient first = lazy.get();
    assertThat(lazy.get()).isSameAs(first);
    await()
        .pollDelay(Duration.ofMillis(400))
        .until(() -> lazy.get() == first); // re-read, unchanged: kept
    assertThat(built).hasValue(1);

    client.resource(secret("two")).update(); // key rotation
    await().atMost(Duration.ofSeconds(10)).until(() -> lazy.get() != null && built.get() == 2);
  }
}
