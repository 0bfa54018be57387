package io.exomarket.testkit.metering;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * The Secret the operator reads its metering credentials from (keys {@code key}, {@code secret}).
 */
public final class MeteringSecret {
  private MeteringSecret() {}

  /** Creates it, or replaces one of that name. */
  public static void apply(
      KubernetesClient client, String namespace, String name, String key, String secret) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData("key", key)
                .addToStringData("secret", secret)
                .build())
        .createOr(NonDeletingOperation::update);
  }
}
