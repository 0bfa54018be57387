package io.exomarket.testkit.env;

import io.exomarket.api.client.KubeClientConfig;
import io.exomarket.testkit.kube.MockApiServer;
import io.exomarket.testkit.kube.ProjectCrds;
import io.exomarket.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Kubernetes API an environment runs on, with this project's CRDs installed: the fabric8 mock,
 * a real etcd + kube-apiserver started offline ({@link RealControlPlane}), or the cluster a
 * kubeconfig names.
 */
public final class KubeApi implements AutoCloseable {
  /** Which API to use. */
  public enum Kind {
    /** etcd + kube-apiserver when the control-plane binaries exist, else the mock. */
    AUTO,
    /** etcd + kube-apiserver, or fail. */
    APISERVER,
    /** The fabric8 mock in CRUD mode. */
    MOCK,
    /** The API server {@code KUBECONFIG} points at. */
    EXISTING;

    public static Kind parse(String value) {
      return switch (value == null ? "auto" : value.toLowerCase(java.util.Locale.ROOT)) {
        case "auto" -> AUTO;
        case "apiserver" -> APISERVER;
        case "mock" -> MOCK;
        case "real", "existing" -> EXISTING;
        default ->
            throw new IllegalArgumentException(
                "the Kubernetes API must be auto, apiserver, mock or real, got " + value);
      };
    }
  }

  private final AutoCloseable server;
  private final KubernetesClient client;
  private final Path kubeconfig;
  private final String description;
  private final boolean real;

  private KubeApi(
      AutoCloseable server,
      KubernetesClient client,
      Path kubeconfig,
      String description,
      boolean real) {
    this.server = server;
    this.client = client;
    this.kubeconfig = kubeconfig;
    this.description = description;
    this.real = real;
  }

  /**
   * @param kubeconfig where to write the kubeconfig of a started server
   * @param mockPort the mock's port (0: a free one)
   */
  public static KubeApi start(Kind kind, Path kubeconfig, int mockPort) {
    Optional<Path> binaries = RealControlPlane.binaryDir();
    return switch (kind) {
      case AUTO ->
          binaries.isPresent()
              ? controlPlane(binaries.get(), kubeconfig)
              : mock(
                  kubeconfig,
                  mockPort,
                  " (no control-plane binaries under "
                      + RealControlPlane.searchedLocation()
                      + ": build them with e2e/control-plane/build.sh)");
      case APISERVER ->
          controlPlane(
              binaries.orElseThrow(
                  () ->
                      new IllegalStateException(
                          "a real API server needs the control-plane binaries under "
                              + RealControlPlane.searchedLocation()
                              + " (build them with e2e/control-plane/build.sh)")),
              kubeconfig);
      case MOCK -> mock(kubeconfig, mockPort, "");
      case EXISTING -> existing();
    };
  }

  private static KubeApi mock(Path kubeconfig, int port, String note) {
    MockApiServer mock = MockApiServer.start(port);
    return new KubeApi(
        mock,
        mock.newClient(),
        mock.writeKubeconfig(kubeconfig),
        "fabric8 mock server (CRUD mode) at " + mock.url() + note,
        false);
  }

  private static KubeApi controlPlane(Path binaries, Path kubeconfig) {
    RealControlPlane plane = RealControlPlane.start(binaries);
    return new KubeApi(
        plane,
        plane.adminClient(),
        plane.writeKubeconfig(kubeconfig),
        "kube-apiserver "
            + plane.version()
            + " at "
            + plane.url()
            + " (etcd + kube-apiserver from "
            + binaries
            + "; no kubelet or controllers)",
        true);
  }

  private static KubeApi existing() {
    String file = System.getenv("KUBECONFIG");
    if (file == null || file.isBlank()) {
      throw new IllegalStateException("a real cluster needs KUBECONFIG pointing at an API server");
    }
    // Configured as OperatorMain and BrokerMain configure theirs.
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(KubeClientConfig.autoConfigured()).build();
    ProjectCrds.install(client, true);
    return new KubeApi(
        client, client, Path.of(file), client.getMasterUrl() + " (from KUBECONFIG)", true);
  }

  public KubernetesClient client() {
    return client;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** What runs, for humans. */
  public String description() {
    return description;
  }

  /** A real API server: server-side printer columns, schemas, admission. */
  public boolean real() {
    return real;
  }

  @Override
  public void close() throws Exception {
    if (server != client) {
      client.close();
    }
    server.close();
  }
}
