package io.exomarket.testkit.junit;

import io.exomarket.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real API server tier's control plane: a {@link RealControlPlane} (etcd + kube-apiserver from
 * the binaries {@code e2e/control-plane/build.sh} builds, CRDs installed). Missing binaries skip
 * the tier, or fail it when {@code -Dapiserver.required=true} (CI).
 */
public final class RealApiServer implements AutoCloseable {
  private final RealControlPlane plane;

  private RealApiServer(RealControlPlane plane) {
    this.plane = plane;
  }

  public static RealApiServer start() {
    Optional<Path> dir = RealControlPlane.binaryDir();
    if (dir.isEmpty()) {
      String message =
          "real API server tier skipped: no control-plane binaries under "
              + RealControlPlane.searchedLocation()
              + " (build them with e2e/control-plane/build.sh; needs Go)";
      if (Boolean.getBoolean("apiserver.required")) {
        Assertions.fail(message.replace("skipped", "required but missing"));
      }
      Assumptions.abort(message);
    }
    return new RealApiServer(RealControlPlane.start(dir.get()));
  }

  /** A cluster-admin client (kube-api-test's certificate user); closed with the server. */
  public KubernetesClient adminClient() {
    return plane.adminClient();
  }

  /** A client authenticating with a bearer token (a ServiceAccount's), nothing else. */
  public KubernetesClient tokenClient(String token) {
    return plane.tokenClient(token);
  }

  public String kubeconfigYaml() {
    return plane.kubeconfigYaml();
  }

  /** The cluster-admin kubeconfig written to {@code file}. */
  public Path writeKubeconfig(Path file) {
    return plane.writeKubeconfig(file);
  }

  public Path kubectl() {
    return plane.kubectl();
  }

  public String version() {
    return plane.version();
  }

  @Override
  public void close() {
    plane.close();
  }
}
