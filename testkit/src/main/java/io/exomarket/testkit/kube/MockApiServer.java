package io.exomarket.testkit.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The fabric8 mock API server in CRUD mode, the one wrapper every test tier and the sandbox use:
 * served on a loopback port (so that other processes and kubectl can use it), discovery documents
 * answered in front of the CRUD dispatcher, the recorded-request queue drained (the mock otherwise
 * keeps every request in memory), this project's CRDs installed first (so that {@code status} is a
 * subresource, as on a real cluster), and clients with short timeouts (the mock never answers some
 * failing requests).
 */
public final class MockApiServer implements AutoCloseable {
  /** The mock logs every request through java.util.logging; held strongly so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private static final java.util.logging.Logger MOCK_LOG2 =
      quiet("io.fabric8.kubernetes.client.server.mock");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Thread drain;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private MockApiServer(int port) {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new io.fabric8.mockwebserver.MockWebServer(),
            new HashMap<>(),
            new DiscoveryDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), port);
    drain = new Thread(this::drainRecordedRequests, "mock-request-drain");
    drain.setDaemon(true);
    drain.start();
    client = newClient();
    ProjectCrds.install(client, false);
  }

  /** On a free loopback port. */
  public static MockApiServer start() {
    return new MockApiServer(0);
  }

  /**
   * @param port 0 picks a free one
   */
  public static MockApiServer start(int port) {
    return new MockApiServer(port);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** The server's own client (tests' "kubectl"). */
  public KubernetesClient client() {
    return client;
  }

  /** A separate client, as another process would have; closed with the server. */
  public KubernetesClient newClient() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withNamespace("default")
            .withTrustCerts(true)
            .withRequestTimeout(15_000)
            .withConnectionTimeout(5_000)
            .withRequestRetryBackoffLimit(0)
            // Plain HTTP/1.1: the mock speaks nothing else, and an h2c attempt can garble a
            // response ("Frame type(107) ... exceeds MAX_FRAME_SIZE").
            .withHttp2Disable(true)
            .build();
    KubernetesClient created = new KubernetesClientBuilder().withConfig(config).build();
    synchronized (clients) {
      clients.add(created);
    }
    return created;
  }

  /** Writes a kubeconfig for this server (plain HTTP, no credentials) and returns its path. */
  public Path writeKubeconfig(Path file) {
    return writeKubeconfig(file, url());
  }

  public static Path writeKubeconfig(Path file, String serverUrl) {
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: sandbox
          cluster:
            server: %s
        users:
        - name: sandbox
          user:
            token: sandbox
        contexts:
        - name: sandbox
          context:
            cluster: sandbox
            user: sandbox
            namespace: default
        current-context: sandbox
        """
            .formatted(serverUrl);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toAbsolutePath();
  }

  @Override
  public void close() {
    synchronized (clients) {
      clients.forEach(KubernetesClient::close);
      clients.clear();
    }
    server.destroy();
    drain.interrupt();
  }

  private void drainRecordedRequests() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        server.takeRequest();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }
}
