package io.exomarket.operator.metering;

import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.MeteringClientConfig;
import io.exomarket.operator.metering.client.MeteringCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metering client, built from the credentials Secret on first use and rebuilt only when the
 * Secret's resourceVersion changes (key rotation). The Secret is read again at most once per {@code
 * refresh}, not per send, so a burst of reports costs no API reads and a rotated key is picked up
 * within {@code refresh}. Only {@code get} on that one Secret is needed (no watch: the operator
 * should not cache Secrets it does not own). Throws while the Secret is missing: the caller has
 * then written nothing.
 */
public final class LazyMeteringClient implements Supplier<MeteringClient> {
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

  private final KubernetesClient kube;
  private final UsageSettings settings;
  private final Function<MeteringClientConfig, MeteringClient> factory;
  private final long refreshNanos;
  private long readAt;
  private String version;
  private MeteringClient client;

  public LazyMeteringClient(
      KubernetesClient kube,
      UsageSettings settings,
      Function<MeteringClientConfig, MeteringClient> factory) {
    this(kube, settings, factory, DEFAULT_REFRESH);
  }

  LazyMeteringClient(
      KubernetesClient kube,
      UsageSettings settings,
      Function<MeteringClientConfig, MeteringClient> factory,
      Duration refresh) {
    this.kube = kube;
    this.settings = settings;
    this.factory = factory;
    this.refreshNanos = refresh.toNanos();
  }

  @Override
  public synchronized MeteringClient get() {
    // Real elapsed time, not the operator's clock: this is about API load, not billing.
    long now = System.nanoTime();
    if (client != null && now - readAt < refreshNanos) {
      return client;
    }
    Secret secret =
        kube.secrets()
            .inNamespace(settings.credentialsNamespace())
            .withName(settings.credentialsSecret())
            .get();
    if (secret == null) {
      client = null; // a deleted Secret stops reporting rather than using revoked credentials
      throw new IllegalStateException(
          "metering Secret "
              + settings.credentialsNamespace()
              + "/"
              + settings.credentialsSecret()
              + " not found");
    }
    String current = secret.getMetadata().getResourceVersion();
    if (client == null || !current.equals(version)) {
      MeteringClientConfig config =
          MeteringClientConfig.of(
              settings.endpoint(),
              settings.variant(),
              settings.product(),
              MeteringCredentials.fromSecret(secret));
      client = factory.apply(config.withTimeouts(connectTimeout(), settings.requestTimeout()));
      version = current;
    }
    readAt = now;
    return client;
  }

  /** A third of the request timeout, at most the default: a dead endpoint fails fast. */
  private Duration connectTimeout() {
    Duration third = settings.requestTimeout().dividedBy(3);
    return third.compareTo(MeteringClientConfig.DEFAULT_CONNECT_TIMEOUT) < 0
        ? third
        : MeteringClientConfig.DEFAULT_CONNECT_TIMEOUT;
  }
}
