package io.exomarket.operator.metering.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MeteringConfigTest {
  static final MeteringCredentials CREDS = new MeteringCredentials("EXOkey", "very-secret-value");

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void credentialsAreReadFromSecretDataAndTrimmed() {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("metering")
            .withNamespace("ops")
            .endMetadata()
            .addToData("key", b64("EXOkey\n"))
            .addToData("secret", b64("very-secret-value\n"))
            .build();
    assertThat(MeteringCredentials.fromSecret(secret)).isEqualTo(CREDS);
  }

  @Test
  void credentialsFallBackToStringData() {
    Secret secret =
        new SecretBuilder()
            .addToStringData("key", "EXOkey")
            .addToStringData("secret", "very-secret-value")
            .build();
    assertThat(MeteringCredentials.fromSecret(secret)).isEqualTo(CREDS);
  }

  @Test
  void aMissingOrUndecodableEntryIsNamedWithoutItsValue() {
    Secret noSecret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("metering")
            .withNamespace("ops")
            .endMetadata()
            .addToData("key", b64("EXOkey"))
            .build();
    assertThatThrownBy(() -> MeteringCredentials.fromSecret(noSecret))
        .hasMessage("Secret ops/metering has no non-empty 'secret' entry");
    Secret garbled =
        new SecretBuilder()
            .addToData("key", b64("EXOkey"))
            .addToData("secret", "%%very-secret-value%%")
            .build();
    assertThatThrownBy(() -> MeteringCredentials.fromSecret(garbled))
        .hasMessageContaining("'secret' is not valid base64")
        .hasMessageNotContaining("very-secret-value")
        .hasNoCause();
  }

  @Test
  void noToStringRevealsTheSecret() {
    MeteringClientConfig config =
        MeteringClientConfig.of(
            URI.create("https://partner-api.exoscale.com"), ApiVariant.PARTNER, "p", CREDS);
    assertThat(CREDS.toString()).doesNotContain("very-secret-value").contains("EXOkey");
    assertThat(config.toString()).doesNotContain("very-secret-value");
  }

  @Test
  void configIsValidated() {
    URI ok = URI.create("https://partner-api.exoscale.com");
    MeteringClientConfig config = MeteringClientConfig.of(ok, ApiVariant.PARTNER, "p", CREDS);
    assertThatThrownBy(() -> config.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)))
        .hasMessageContaining("connectTimeout must be shorter");
    assertThatThrownBy(
            () -> MeteringClientConfig.of(URI.create("ftp://x"), ApiVariant.PARTNER, "p", CREDS))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(
            () ->
                MeteringClientConfig.of(
                    URI.create("https://x/?a=b"), ApiVariant.PARTNER, "p", CREDS))
        .hasMessageContaining("query");
    assertThatThrownBy(() -> MeteringClientConfig.of(ok, ApiVariant.PARTNER, " ", CREDS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(config.signatureValidity()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void pathsAreAppendedToTheEndpointKeepingItsPrefix() {
    assertThat(
            MeteringClientConfig.of(URI.create("https://h/"), ApiVariant.PARTNER, "p", CREDS)
                .resolve(PartnerApiMeteringClient.PATH))
        .isEqualTo(URI.create("https://h/v1.alpha/metering:apply"));
    assertThat(
            MeteringClientConfig.of(URI.create("https://h/api"), ApiVariant.LEGACY, "p", CREDS)
                .resolve("/orgs/x/usage"))
        .isEqualTo(URI.create("https://h/api/orgs/x/usage"));
  }

  @Test
  void variantsParseFromConfiguration() {
    assertThat(ApiVariant.parse("partner")).isEqualTo(ApiVariant.PARTNER);
    assertThat(ApiVariant.parse(" Legacy ")).isEqualTo(ApiVariant.LEGACY);
    assertThatThrownBy(() -> ApiVariant.parse("v2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFactoryPicksTheClientOfTheVariant() {
    URI ok = URI.create("https://partner-api.exoscale.com");
    MeteringClientConfig partner = MeteringClientConfig.of(ok, ApiVariant.PARTNER, "p", CREDS);
    MeteringClientConfig legacy = MeteringClientConfig.of(ok, ApiVariant.LEGACY, "p", CREDS);
    assertThat(MeteringClientFactory.create(partner)).isInstanceOf(PartnerApiMeteringClient.class);
    assertThat(MeteringClientFactory.create(legacy)).isInstanceOf(LegacyUsageMeteringClient.class);
  }
}
