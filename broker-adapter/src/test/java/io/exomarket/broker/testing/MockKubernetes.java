package io.exomarket.broker.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;

/**
 * The fabric8 mock API server in CRUD mode with our CRDs installed first (so that {@code status}
 * is a subresource, as on a real cluster), and a client with short timeouts: the mock never
 * answers some failing requests. The CRDs are read from the crds module's jar; they are the files
 * committed under crds/generated (CommittedCrdsTest keeps the two identical).
 */
public final class MockKubernetes implements AutoCloseable {
  public static final List<String> CRDS =
      List.of(
          "META-INF/fabric8/managedserviceinstances.marketplace.exomarket.io-v1.yml",
          "META-INF/fabric8/serviceofferings.marketplace.exomarket.io-v1.yml");

  /** The mock logs every request through java.util.logging; held strongly so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;

  public MockKubernetes() {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    server.init();
    drainRecordedRequests();
    client = server.createClient(builder -> builder.editOrNewConfig()
        .withRequestTimeout(10_000)
        .withConnectionTimeout(5_000)
        .withRequestRetryBackoffLimit(0)
        .endConfig());
    for (String crd : CRDS) {
      try (InputStream in = MockKubernetes.class.getClassLoader().getResourceAsStream(crd)) {
        if (in == null) throw new IllegalStateException("missing CRD on the classpath: " + crd);
        client.apiextensions().v1().customResourceDefinitions()
            .resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** The mock records every request it serves; nobody here reads them, so they are dropped. */
  private void drainRecordedRequests() {
    Thread drain = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) server.takeRequest();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "mock-request-drain");
    drain.setDaemon(true);
    drain.start();
  }

  public NamespacedKubernetesClient client() {
    return client;
  }

  /** Another client on the same server, e.g. for a second adapter replica. */
  public NamespacedKubernetesClient newClient() {
    return server.createClient(builder -> builder.editOrNewConfig()
        .withRequestTimeout(10_000)
        .withConnectionTimeout(5_000)
        .withRequestRetryBackoffLimit(0)
        .endConfig());
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
