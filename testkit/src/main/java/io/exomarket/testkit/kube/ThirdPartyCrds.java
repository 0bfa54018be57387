package io.exomarket.testkit.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Other operators' CRDs the sample offerings compose: the small CloudNativePG stand-ins committed
 * under {@code deploy/samples/third-party-crds} (the sandbox and the mock tier install them; a real
 * cluster installs the real operator).
 */
public final class ThirdPartyCrds {
  static final Path SAMPLES = Path.of("deploy", "samples", "third-party-crds");

  /** The CloudNativePG release e2e/control-plane/third-party-crds.sh copies the CRDs of. */
  public static final String CNPG_VERSION = "v1.27.1";

  private ThirdPartyCrds() {}

  public static List<CustomResourceDefinition> cloudNativePg() {
    Path dir = repositoryRoot().resolve(SAMPLES);
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("postgresql.cnpg.io_"))
          .sorted()
          .map(ThirdPartyCrds::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates or updates the CloudNativePG stand-ins; on a real API server waits until established.
   */
  public static void installCloudNativePg(KubernetesClient client, boolean awaitEstablished) {
    ProjectCrds.install(client, cloudNativePg(), awaitEstablished);
  }

  /**
   * On a real API server: CloudNativePG's own CRDs as released (copied from its Go module by
   * e2e/control-plane/third-party-crds.sh), else the stand-ins.
   *
   * @return whether the real CRDs were installed
   */
  public static boolean installRealCloudNativePg(KubernetesClient client) {
    Path dir =
        Path.of(
            System.getenv()
                .getOrDefault(
                    "KUBE_API_TEST_DIR", System.getProperty("user.home") + "/.kubeapitest"),
            "crds",
            "cloudnative-pg@" + CNPG_VERSION);
    if (!Files.isRegularFile(dir.resolve("postgresql.cnpg.io_clusters.yaml"))) {
      installCloudNativePg(client, true);
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      ProjectCrds.install(client, files.sorted().map(ThirdPartyCrds::read).toList(), true);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkout this code runs from: the first parent directory that holds deploy/samples. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(SAMPLES))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(SAMPLES + " not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static CustomResourceDefinition read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
