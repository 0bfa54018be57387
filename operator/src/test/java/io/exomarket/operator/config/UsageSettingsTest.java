package io.exomarket.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up refuses metering configuration that was never filled in, naming the variable. */
class UsageSettingsTest {
  private static Map<String, String> metering(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("METERING_ENDPOINT", "https://partner-api.exoscale.com");
    env.put("METERING_PRODUCT", "acme-db");
    env.put("METERING_SECRET_NAME", "exomarket-metering-credentials");
    env.put("POD_NAMESPACE", "exomarket-system");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        env.remove(pairs[i]);
      } else {
        env.put(pairs[i], pairs[i + 1]);
      }
    }
    return env;
  }

  @Test
  void aCompleteConfigurationIsAccepted() {
    UsageSettings s = UsageSettings.fromEnvironment(metering());
    assertThat(s.enabled()).isTrue();
    assertThat(s.product()).isEqualTo("acme-db");
    assertThat(s.credentialsSecret()).isEqualTo("exomarket-metering-credentials");
    assertThat(s.credentialsNamespace()).isEqualTo("exomarket-system");
    assertThat(s.endpoint()).hasToString("https://partner-api.exoscale.com");
  }

  @Test
  void meteringOffNeedsNothing() {
    UsageSettings s =
        UsageSettings.fromEnvironment(Map.of("METERING_PRODUCT", "REPLACE-WITH-YOUR-PRODUCT-ID"));
    assertThat(s.enabled()).isFalse();
    assertThat(UsageSettings.fromEnvironment(Map.of("METERING_ENDPOINT", " ")).enabled()).isFalse();
  }

  @Test
  void theProductIdMustBeSetAndNotAPlaceholder() {
    for (String product : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> UsageSettings.fromEnvironment(metering("METERING_PRODUCT", product)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("METERING_PRODUCT is not set");
    }
    for (String product :
        new String[] {
          "REPLACE-WITH-YOUR-PRODUCT-ID",
          "replace-me",
          "CHANGEME",
          "<your product id>",
          "${PRODUCT}"
        }) {
      assertThatThrownBy(() -> UsageSettings.fromEnvironment(metering("METERING_PRODUCT", product)))
          .as(product)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("METERING_PRODUCT is a placeholder");
    }
  }

  @Test
  void theSecretNameMustNotBeBlank() {
    assertThatThrownBy(() -> UsageSettings.fromEnvironment(metering("METERING_SECRET_NAME", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("METERING_SECRET_NAME is not set");
    assertThatThrownBy(
            () -> UsageSettings.fromEnvironment(metering("METERING_SECRET_NAME", "REPLACE-ME")))
        .hasMessageContaining("METERING_SECRET_NAME is a placeholder");
    // Absent: the documented default name (README: metering-credentials).
    assertThat(
            UsageSettings.fromEnvironment(metering("METERING_SECRET_NAME", null))
                .credentialsSecret())
        .isEqualTo("metering-credentials");
  }

  @Test
  void theEndpointMustBeAnHttpUrl() {
    for (String endpoint :
        new String[] {
          "partner-api.exoscale.com", "ftp://x.example", "https://REPLACE-ME.example"
        }) {
      assertThatThrownBy(
              () -> UsageSettings.fromEnvironment(metering("METERING_ENDPOINT", endpoint)))
          .as(endpoint)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("METERING_ENDPOINT");
    }
    assertThat(
            UsageSettings.fromEnvironment(
                    metering("METERING_ENDPOINT", "http://metering-sink:8090"))
                .endpoint()
                .getPort())
        .isEqualTo(8090);
  }
}
