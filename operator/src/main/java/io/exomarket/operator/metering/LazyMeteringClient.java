package io.exomarket.operator.metering;

import io.exomarket.operator.UsageSettings;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.MeteringClientConfig;
import io.exomarket.operator.metering.client.MeteringCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metering client, built from the credentials Secret on first use and rebuilt when the Secret
 * changes (key rotation). Throws while the Secret is missing: the caller has then written nothing.
 */
public final class LazyMeteringClient implements Supplier<MeteringClient> {
  private final KubernetesClient kube;
  private final UsageSettings settings;
  private final Function<MeteringClientConfig, MeteringClient> factory;
  private String version;
  private MeteringClient client;

  public LazyMeteringClient(
      KubernetesClient kube, UsageSettings settings, Function<MeteringClientConfig, MeteringClient> factory) {
    this.kube = kube;
    this.settings = settings;
    this.factory = factory;
  }

  @Override
  public synchronized MeteringClient get() {
    Secret secret = kube.secrets().inNamespace(settings.credentialsNamespace()).withName(settings.credentialsSecret()).get();
    if (secret == null) {
      throw new IllegalStateException("metering Secret " + settings.credentialsNamespace() + "/"
          + settings.credentialsSecret() + " not found");
    }
    String current = secret.getMetadata().getResourceVersion();
    if (client == null || !current.equals(version)) {
      MeteringClientConfig config = MeteringClientConfig.of(settings.endpoint(), settings.variant(), settings.product(),
          MeteringCredentials.fromSecret(secret));
      client = factory.apply(config.withTimeouts(
          settings.requestTimeout().dividedBy(3).compareTo(MeteringClientConfig.DEFAULT_CONNECT_TIMEOUT) < 0
              ? settings.requestTimeout().dividedBy(3) : MeteringClientConfig.DEFAULT_CONNECT_TIMEOUT,
          settings.requestTimeout()));
      version = current;
    }
    return client;
  }
}
