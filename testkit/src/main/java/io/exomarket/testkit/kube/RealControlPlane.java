package io.exomarket.testkit.kube;

import io.exomarket.api.client.KubeClientConfig;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real etcd + kube-apiserver started by fabric8 kube-api-test in offline mode, on the binaries
 * that {@code e2e/control-plane/build.sh} installs under {@code
 * ~/.kubeapitest/k8s/<version>-linux-amd64/} (or {@code $KUBE_API_TEST_DIR/k8s/...}), with this
 * project's CRDs installed and established. Used by the sandbox ({@code SANDBOX_KUBE=auto}) and by
 * the real API server test tier.
 */
public final class RealControlPlane implements AutoCloseable {
  private static final String PLATFORM = "-linux-amd64";

  private final KubeAPIServer server;
  private final String kubeconfig;
  private final String version;
  private final Path binaries;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private RealControlPlane(KubeAPIServer server, String version, Path binaries) {
    this.server = server;
    this.kubeconfig = server.getKubeConfigYaml();
    this.version = version;
    this.binaries = binaries;
  }

  /** The newest directory with executable kube-apiserver, etcd and kubectl, if any. */
  public static Optional<Path> binaryDir() {
    String base =
        Optional.ofNullable(System.getenv("KUBE_API_TEST_DIR"))
            .orElse(System.getProperty("user.home") + "/.kubeapitest");
    Path k8s = Path.of(base, "k8s");
    if (!Files.isDirectory(k8s)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(k8s)) {
      return dirs.filter(d -> d.getFileName().toString().endsWith(PLATFORM))
          .filter(
              d ->
                  Stream.of("kube-apiserver", "etcd", "kubectl")
                      .allMatch(b -> Files.isExecutable(d.resolve(b))))
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Where {@link #binaryDir()} looks, for messages. */
  public static String searchedLocation() {
    return Optional.ofNullable(System.getenv("KUBE_API_TEST_DIR")).orElse("~/.kubeapitest")
        + "/k8s/<version>"
        + PLATFORM;
  }

  /** Starts on the binaries of {@link #binaryDir()}; fails when there are none. */
  public static RealControlPlane start() {
    Path dir =
        binaryDir()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no control-plane binaries under "
                            + searchedLocation()
                            + " (build them with e2e/control-plane/build.sh)"));
    return start(dir);
  }

  public static RealControlPlane start(Path dir) {
    String version = dir.getFileName().toString().replace(PLATFORM, "");
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(version)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
    server.start();
    RealControlPlane api = new RealControlPlane(server, version, dir);
    try {
      api.installCrds();
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    return api;
  }

  private void installCrds() {
    ProjectCrds.install(adminClient(), true);
  }

  /** A cluster-admin client (kube-api-test's certificate user); closed with the server. */
  public KubernetesClient adminClient() {
    Config config =
        KubeClientConfig.withoutTokenRefreshForCertificates(Config.fromKubeconfig(kubeconfig));
    config.setRequestTimeout(15_000);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  /** A client authenticating with a bearer token (a ServiceAccount's), nothing else. */
  public KubernetesClient tokenClient(String token) {
    // The admin configuration's server and trust settings, without its client certificate.
    Config config =
        new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
            .withClientCertData(null)
            .withClientCertFile(null)
            .withClientKeyData(null)
            .withClientKeyFile(null)
            .withOauthToken(token)
            .withRequestTimeout(15_000)
            .build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  /** Writes the admin kubeconfig (certificates inlined) to {@code file}. */
  public Path writeKubeconfig(Path file) {
    try {
      Files.writeString(file, kubeconfig);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String kubeconfigYaml() {
    return kubeconfig;
  }

  public String url() {
    return Config.fromKubeconfig(kubeconfig).getMasterUrl();
  }

  public Path kubectl() {
    return binaries.resolve("kubectl");
  }

  public String version() {
    return version;
  }

  @Override
  public void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
    server.stop();
  }
}
