package io.exomarket.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The fabric8 mock API server in CRUD mode with this project's CRDs installed first (so that the
 * status subresource exists), and clients with short timeouts (the mock never answers some failing
 * requests).
 */
public final class MockKubernetes implements AutoCloseable {
  private static final String[] CRDS = {
    "/META-INF/fabric8/managedserviceinstances.marketplace.exomarket.io-v1.yml",
    "/META-INF/fabric8/serviceofferings.marketplace.exomarket.io-v1.yml"
  };

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private MockKubernetes() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = newClient();
    for (String crd : CRDS) {
      try (InputStream yaml = MockKubernetes.class.getResourceAsStream(crd)) {
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class)).create();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static MockKubernetes start() {
    return new MockKubernetes();
  }

  public KubernetesClient client() {
    return client;
  }

  /** A separate client, as another process would have; closed with the server. */
  public KubernetesClient newClient() {
    Config config =
        new ConfigBuilder(server.createClient().getConfiguration())
            .withRequestTimeout(15_000)
            .withConnectionTimeout(5_000)
            .withRequestRetryBackoffLimit(0)
            .build();
    KubernetesClient created = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(created);
    return created;
  }

  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  @Override
  public void close() {
    clients.forEach(KubernetesClient::close);
    server.destroy();
  }
}
