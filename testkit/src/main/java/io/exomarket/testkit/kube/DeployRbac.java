package io.exomarket.testkit.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The deploy kit's RBAC on a test API server, and tokens of its ServiceAccounts. */
public final class DeployRbac {
  public static final String SYSTEM = "exomarket-system";

  private DeployRbac() {}

  /**
   * Creates (or updates) every object of these files (paths under {@code deploy/}) in
   * exomarket-system, and the namespace if it does not exist.
   */
  public static void apply(KubernetesClient admin, String... files) {
    if (admin.namespaces().withName(SYSTEM).get() == null) {
      admin
          .resource(new NamespaceBuilder().withNewMetadata().withName(SYSTEM).endMetadata().build())
          .create();
    }
    for (String file : files) {
      try (InputStream yaml =
          Files.newInputStream(ThirdPartyCrds.repositoryRoot().resolve("deploy").resolve(file))) {
        for (HasMetadata item : admin.load(yaml).items()) {
          admin.resource(item).inNamespace(SYSTEM).createOr(NonDeletingOperation::update);
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
