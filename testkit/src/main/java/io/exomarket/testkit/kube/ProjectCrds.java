package io.exomarket.testkit.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * This project's CRDs, read from the crds jar (the files committed under crds/generated; a test
 * there keeps the two identical), installed into any Kubernetes API.
 */
public final class ProjectCrds {
  public static final List<String> RESOURCES =
      List.of(
          "META-INF/fabric8/managedserviceinstances.marketplace.exomarket.io-v1.yml",
          "META-INF/fabric8/serviceofferings.marketplace.exomarket.io-v1.yml",
          "META-INF/fabric8/managedservicebindings.marketplace.exomarket.io-v1.yml");

  private ProjectCrds() {}

  public static List<CustomResourceDefinition> definitions() {
    return RESOURCES.stream().map(ProjectCrds::read).toList();
  }

  /** Creates or updates each CRD; on a real API server waits until it is established. */
  public static void install(KubernetesClient client, boolean awaitEstablished) {
    install(client, definitions(), awaitEstablished);
  }

  /** Creates or updates these CRDs; on a real API server waits until each is established. */
  public static void install(
      KubernetesClient client, List<CustomResourceDefinition> crds, boolean awaitEstablished) {
    for (CustomResourceDefinition crd : crds) {
      client.resource(crd).createOr(r -> r.update());
      if (awaitEstablished) {
        String name = crd.getMetadata().getName();
        Awaitility.await("CRD " + name + " established")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> established(client, name));
      }
    }
  }

  private static CustomResourceDefinition read(String resource) {
    try (InputStream in = ProjectCrds.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing CRD on the classpath: " + resource);
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean established(KubernetesClient client, String name) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
