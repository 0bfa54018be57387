package io.exomarket.api.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.OAuthTokenProvider;

/**
 * The Kubernetes client configuration the operator and the adapter run with: fabric8's own
 * (in-cluster service account, else the kubeconfig), with one correction.
 *
 * <p>fabric8's token refresh (its {@code TokenRefreshInterceptor}, 7.5.2) re-reads and re-parses
 * the whole configuration, kubeconfig files included, on every request once a minute has passed
 * since a refresh that found a token. A configuration that authenticates with a client certificate
 * never finds one, so from the second minute on each request paid a full auto-configuration: 12% of
 * the operator's CPU samples in {@code bench/run.sh operator}. Such a configuration gets a token
 * provider that answers "no token" at once; the certificate still authenticates, and nothing else
 * changes. Configurations with a token (a service account's, a kubeconfig's, an exec or OIDC
 * plugin's) keep fabric8's refresh: their tokens rotate.
 */
public final class KubeClientConfig {
  private static final OAuthTokenProvider NO_TOKEN = () -> null;

  private KubeClientConfig() {}

  /** fabric8's auto-configuration, corrected as above. */
  public static Config autoConfigured() {
    return withoutTokenRefreshForCertificates(Config.autoConfigure(null));
  }

  /** The same configuration; a certificate-only one no longer looks for a token per request. */
  public static Config withoutTokenRefreshForCertificates(Config config) {
    if (authenticatesByCertificateOnly(config)) {
      config.setOauthTokenProvider(NO_TOKEN);
    }
    return config;
  }

  static boolean authenticatesByCertificateOnly(Config config) {
    boolean certificate = config.getClientCertData() != null || config.getClientCertFile() != null;
    boolean token =
        config.getOauthToken() != null
            || config.getAutoOAuthToken() != null
            || config.getOauthTokenProvider() != null
            || config.getAuthProvider() != null
            || (config.getUsername() != null && config.getPassword() != null);
    return certificate && !token;
  }
}
