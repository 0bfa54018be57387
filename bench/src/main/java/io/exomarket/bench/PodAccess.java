package io.exomarket.bench;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * How a component's process reaches the API server in a benchmark: as in a pod (its
 * ServiceAccount's token and the cluster's CA, no kubeconfig) or through the admin kubeconfig.
 */
final class PodAccess {
  private PodAccess() {}

  /** The environment fabric8 configures itself from in a pod, for this token. */
  static Map<String, String> asPod(Path kubeconfig, String token) {
    Config admin = Config.fromKubeconfig(null, kubeconfig.toFile());
    return Map.of(
        "KUBERNETES_MASTER",
        admin.getMasterUrl(),
        "KUBERNETES_CERTS_CA_FILE",
        caFile(admin),
        "KUBERNETES_AUTH_TOKEN",
        token,
        "KUBERNETES_AUTH_TRYKUBECONFIG",
        "false",
        "KUBERNETES_AUTH_TRYSERVICEACCOUNT",
        "false");
  }

  /** The admin kubeconfig (a client certificate): what the mock server offers. */
  static Map<String, String> kubeconfig(Path kubeconfig) {
    return Map.of(
        "KUBECONFIG", kubeconfig.toString(), "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
  }

  private static String caFile(Config admin) {
    if (admin.getCaCertFile() != null) return admin.getCaCertFile();
    try {
      Path file = Files.createTempFile("exomarket-bench-ca", ".crt");
      file.toFile().deleteOnExit();
      Files.write(file, Base64.getDecoder().decode(admin.getCaCertData()));
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
