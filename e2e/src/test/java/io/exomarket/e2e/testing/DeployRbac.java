package io.exomarket.e2e.testing;

import io.exomarket.testkit.kube.ThirdPartyCrds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The deploy kit's RBAC on a test API server, and tokens of its ServiceAccounts. */
public final class DeployRbac {
  public static final String SYSTEM = "exomarket-system";

  private DeployRbac() {}

  /** Creates every object of these files (paths under {@code deploy/}) in exomarket-system. */
  public static void apply(KubernetesClient admin, String... files) {
    for (String file : files) {
      try (InputStream yaml =
          Files.newInputStream(ThirdPartyCrds.repositoryRoot().resolve("deploy").resolve(file))) {
        for (HasMetadata item : admin.load(yaml).items()) {
          admin.resource(item).inNamespace(SYSTEM).create();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A TokenRequest token (one hour) of a ServiceAccount in exomarket-system. */
  public static String token(KubernetesClient admin, String serviceAccount) {
    return admin
        .serviceAccounts()
        .inNamespace(SYSTEM)
        .withName(serviceAccount)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus()
        .getToken();
  }
}
