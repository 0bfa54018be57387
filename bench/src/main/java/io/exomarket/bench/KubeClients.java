package io.exomarket.bench;

import io.exomarket.api.client.KubeClientConfig;
import io.exomarket.testkit.env.KubeApi;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A client of its own (its own connections) for each component a benchmark starts. */
public final class KubeClients {
  private KubeClients() {}

  public static KubernetesClient newClient(KubeApi kube) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(
              KubeClientConfig.withoutTokenRefreshForCertificates(
                  Config.fromKubeconfig(Files.readString(kube.kubeconfig()))))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
