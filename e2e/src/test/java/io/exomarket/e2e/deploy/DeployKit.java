package io.exomarket.e2e.deploy;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Shared helpers of the deploy/ tests: where things are and how manifests are read. */
final class DeployKit {
  private DeployKit() {}

  /** fabric8's serialization with our two custom resources registered as typed kinds. */
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static {
    SERIALIZATION.registerKubernetesResource(ManagedServiceInstance.class);
    SERIALIZATION.registerKubernetesResource(ServiceOffering.class);
  }

  /** The repository root (Maven runs the tests in e2e/). */
  static Path root() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no deploy/ directory above " + Paths.get("").toAbsolutePath());
    }
    return dir;
  }

  static Path deploy() {
    return root().resolve("deploy");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every Kubernetes manifest under deploy/ (kustomization files are kustomize's, not the API's).
   */
  static List<Path> manifests() {
    try (Stream<Path> files = Files.walk(deploy())) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The objects of a (multi-document) YAML text. */
  static List<HasMetadata> parse(String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    List<HasMetadata> out = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      list.forEach(o -> out.add((HasMetadata) o));
    } else if (parsed instanceof KubernetesResourceList<?> list) {
      list.getItems().forEach(o -> out.add((HasMetadata) o));
    } else if (parsed instanceof HasMetadata one) {
      out.add(one);
    } else if (parsed != null) {
      throw new IllegalArgumentException("not a Kubernetes object: " + parsed.getClass());
    }
    return out;
  }

  static List<HasMetadata> parse(Path file) {
    return parse(read(file));
  }

  static <T extends KubernetesResource> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * A kubectl with kustomize: the one a colleague builds under
   * ~/.kubeapitest/k8s/{version}/kubectl, else the first on PATH.
   */
  static Optional<Path> kubectl() {
    Path home = Paths.get(System.getProperty("user.home"), ".kubeapitest", "k8s");
    if (Files.isDirectory(home)) {
      try (Stream<Path> versions = Files.list(home)) {
        Optional<Path> built =
            versions
                .map(v -> v.resolve("kubectl"))
                .filter(Files::isExecutable)
                .sorted()
                .reduce((a, b) -> b);
        if (built.isPresent()) {
          return built;
        }
      } catch (IOException e) {
        // fall through to PATH
      }
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator))
        .map(d -> Paths.get(d, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** An executable on PATH. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator))
        .map(d -> Paths.get(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The resources of these tests (e2e/src/test/resources/deploy/). */
  static Path testResource(String name) {
    Path file = root().resolve("e2e/src/test/resources/deploy").resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("missing test resource " + file);
    }
    return file;
  }
}
