package io.exomarket.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

class KubeClientConfigTest {
  private static Config certificate() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl("https://127.0.0.1:6443")
        .withClientCertData("Y2VydA==")
        .withClientKeyData("a2V5")
        .build();
  }

  @Test
  void aCertificateOnlyConfigurationAnswersNoTokenWithoutRefreshing() {
    Config config = KubeClientConfig.withoutTokenRefreshForCertificates(certificate());
    assertThat(config.getOauthTokenProvider()).isNotNull();
    assertThat(config.getOauthTokenProvider().getToken()).isNull();
    assertThat(config.getClientCertData()).isEqualTo("Y2VydA==");
  }

  @Test
  void configurationsWithATokenKeepFabric8sRefresh() {
    Config serviceAccount = certificate();
    serviceAccount.setAutoOAuthToken("rotating-service-account-token");
    Config explicit = new ConfigBuilder(certificate()).withOauthToken("t").build();
    Config basic = new ConfigBuilder(certificate()).withUsername("u").withPassword("p").build();
    Config tokenOnly =
        new ConfigBuilder(Config.empty())
            .withMasterUrl("https://127.0.0.1:6443")
            .withOauthToken("t")
            .build();
    for (Config config : new Config[] {serviceAccount, explicit, basic, tokenOnly}) {
      assertThat(
              KubeClientConfig.withoutTokenRefreshForCertificates(config).getOauthTokenProvider())
          .isNull();
    }
  }
}
