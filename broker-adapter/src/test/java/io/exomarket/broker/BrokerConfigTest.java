package io.exomarket.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.config.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsFromAMinimalEnvironment() {
    BrokerConfig c = BrokerConfig.fromEnv(Map.of("BROKER_USERNAME", "u", "BROKER_PASSWORD", "p"));
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.syncTimeout()).isEqualTo(Duration.ofSeconds(40));
    assertThat(c.namespacePrefix()).isEqualTo("tenant-");
    assertThat(c.maxBodyBytes()).isEqualTo(65536);
    assertThat(c.tls()).isFalse();
    assertThat(c.toString()).doesNotContain("p]").contains("username=u");
  }

  @Test
  void durationsAndOverrides() {
    BrokerConfig c =
        BrokerConfig.fromEnv(
            Map.of(
                "BROKER_USERNAME",
                "u",
                "BROKER_PASSWORD",
                "p",
                "BROKER_PORT",
                "0",
                "BROKER_SYNC_TIMEOUT",
                "PT25S",
                "BROKER_RETRY_AFTER",
                "1500ms",
                "BROKER_NAMESPACE_PREFIX",
                "exo-",
                "BROKER_TLS_KEYSTORE",
                "/tls/ks.p12"));
    assertThat(c.syncTimeout()).isEqualTo(Duration.ofSeconds(25));
    assertThat(c.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.namespacePrefix()).isEqualTo("exo-");
    assertThat(c.tls()).isTrue();
  }

  @Test
  void refusesWhatCannotWork() {
    Map<String, String> creds = Map.of("BROKER_USERNAME", "u", "BROKER_PASSWORD", "p");
    assertThatThrownBy(() -> BrokerConfig.fromEnv(Map.of())).hasMessageContaining("credentials");
    assertThatThrownBy(() -> BrokerConfig.fromEnv(with(creds, "BROKER_SYNC_TIMEOUT", "60")))
        .hasMessageContaining("below the platform's 60 s");
    assertThatThrownBy(
            () -> BrokerConfig.fromEnv(with(creds, "BROKER_NAMESPACE_PREFIX", "Tenant_")))
        .hasMessageContaining("BROKER_NAMESPACE_PREFIX");
    assertThatThrownBy(() -> BrokerConfig.fromEnv(with(creds, "BROKER_SYNC_TIMEOUT", "soon")))
        .hasMessageContaining("not a duration");
  }

  @Test
  void credentialsFromAPropertiesFileOrASecretDirectory() throws Exception {
    Path file = dir.resolve("creds.properties");
    Files.writeString(file, "username=platform\npassword=s3cret\n");
    BrokerConfig fromFile =
        BrokerConfig.fromEnv(Map.of("BROKER_CREDENTIALS_FILE", file.toString()));
    assertThat(fromFile.credentials()).isEqualTo(new Credentials("platform", "s3cret"));
    assertThat(fromFile.credentials().toString()).doesNotContain("s3cret");

    Path secret = Files.createDirectory(dir.resolve("secret"));
    Files.writeString(secret.resolve("username"), "platform\n");
    Files.writeString(secret.resolve("password"), "from-secret\n");
    assertThat(
            BrokerConfig.fromEnv(Map.of("BROKER_CREDENTIALS_FILE", secret.toString()))
                .credentials()
                .password())
        .isEqualTo("from-secret");
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    java.util.HashMap<String, String> m = new java.util.HashMap<>(base);
    m.put(key, value);
    return m;
  }
}
