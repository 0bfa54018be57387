package io.exomarket.e2e.apiserver;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real etcd + kube-apiserver (fabric8 kube-api-test, offline) from the binaries that
 * {@code e2e/control-plane/build.sh} builds, with this project's CRDs installed and established.
 * Missing binaries skip the tier, or fail it when {@code -Dapiserver.required=true} (CI).
 */
public final class RealApiServer implements AutoCloseable {
  private static final String[] CRDS = {
    "/META-INF/fabric8/managedserviceinstances.marketplace.exomarket.io-v1.yml",
    "/META-INF/fabric8/serviceofferings.marketplace.exomarket.io-v1.yml"
  };
  private static final String PLATFORM = "-linux-amd64";

  private final KubeAPIServer server;
  private final String kubeconfig;
  private final String version;
  private final Path binaries;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private RealApiServer(KubeAPIServer server, String version, Path binaries) {
    this.server = server;
    this.kubeconfig = server.getKubeConfigYaml();
    this.version = version;
    this.binaries = binaries;
  }

  public static RealApiServer start() {
    Optional<Path> dir = binaryDir();
    if (dir.isEmpty()) {
      String message =
          "real API server tier skipped: no control-plane binaries under ~/.kubeapitest/k8s"
              + " (build them with e2e/control-plane/build.sh; needs Go)";
      if (Boolean.getBoolean("apiserver.required")) {
        Assertions.fail(message.replace("skipped", "required but missing"));
      }
      Assumptions.abort(message);
    }
    String version = dir.get().getFileName().toString().replace(PLATFORM, "");
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(version)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
    server.start();
    RealApiServer api = new RealApiServer(server, version, dir.get());
    api.installCrds();
    return api;
  }

  private static Optional<Path> binaryDir() {
    String base = Optional.ofNullable(System.getenv("KUBE_API_TEST_DIR")).orElse(System.getProperty("user.home") + "/.kubeapitest");
    Path k8s = Path.of(base, "k8s");
    if (!Files.isDirectory(k8s)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(k8s)) {
      return dirs.filter(d -> d.getFileName().toString().endsWith(PLATFORM))
          .filter(d -> Stream.of("kube-apiserver", "etcd", "kubectl").allMatch(b -> Files.isExecutable(d.resolve(b))))
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void installCrds() {
    KubernetesClient admin = adminClient();
    for (String crd : CRDS) {
      try (InputStream yaml = RealApiServer.class.getResourceAsStream(crd)) {
        CustomResourceDefinition definition =
            admin.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
        admin.resource(definition).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> established(admin, definition.getMetadata().getName()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static boolean established(KubernetesClient client, String name) {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** A cluster-admin client (kube-api-test's certificate user); closed with the server. */
  public KubernetesClient adminClient() {
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setRequestTimeout(15_000);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  /** A client authenticating with a bearer token (a ServiceAccount's), nothing else. */
  public KubernetesClient tokenClient(String token) {
    // The admin configuration's server and trust settings, without its client certificate.
    Config config =
        new io.fabric8.kubernetes.client.ConfigBuilder(Config.fromKubeconfig(kubeconfig))
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

  public String kubeconfigYaml() {
    return kubeconfig;
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
    server.stop();
  }
}
