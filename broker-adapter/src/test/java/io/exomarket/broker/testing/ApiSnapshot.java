package io.exomarket.broker.testing;

import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the Kubernetes API holds that the adapter may write: every MSI, binding and namespace with
 * its resourceVersion. Equal snapshots before and after a request mean the request changed nothing.
 */
public record ApiSnapshot(Map<String, String> resourceVersions) {
  public static ApiSnapshot of(KubernetesClient client) {
    Map<String, String> versions = new TreeMap<>();
    Stream.concat(
            client
                .resources(ManagedServiceInstance.class)
                .inAnyNamespace()
                .list()
                .getItems()
                .stream(),
            Stream.concat(
                client.namespaces().list().getItems().stream(),
                client
                    .resources(ManagedServiceBinding.class)
                    .inAnyNamespace()
                    .list()
                    .getItems()
                    .stream()))
        .forEach(o -> versions.put(key(o), o.getMetadata().getResourceVersion()));
    return new ApiSnapshot(versions);
  }

  private static String key(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}
