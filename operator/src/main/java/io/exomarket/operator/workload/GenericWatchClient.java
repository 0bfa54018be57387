package io.exomarket.operator.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The client the graph's informers watch with: the operator's configuration, with watch events read
 * straight into the {@code GenericKubernetesResource} the informers hold. fabric8 reads a watch
 * event's object into the typed class of its kind (a StatefulSet) and its watch then converts that
 * into a generic object: two full passes per event, 7% of the operator's CPU samples in {@code
 * bench/run.sh operator}.
 *
 * <p>Only watch events change: everything else (the kind's resource name, which fabric8 takes from
 * its typed classes, and list responses) is read as fabric8 reads it. {@link Status} stays known in
 * watch events: an ERROR event (410 Gone, resource version too old) must arrive as a Status for the
 * informer to list again instead of reconnecting in a loop.
 */
final class GenericWatchClient {
  private GenericWatchClient() {}

  static KubernetesClient from(KubernetesClient client) {
    return new KubernetesClientBuilder()
        .withConfig(client.getConfiguration())
        .withKubernetesSerialization(new GenericWatchEvents())
        .build();
  }

  /** fabric8's serialization, except that watch events carry generic objects. */
  static final class GenericWatchEvents extends KubernetesSerialization {
    private final KubernetesSerialization generic = genericOnly();

    @Override
    public <T> T unmarshal(String str, Class<T> type) {
      return type == WatchEvent.class ? generic.unmarshal(str, type) : super.unmarshal(str, type);
    }

    private static KubernetesSerialization genericOnly() {
      KubernetesSerialization serialization =
          new KubernetesSerialization(new ObjectMapper(), false);
      serialization.registerKubernetesResource(Status.class);
      return serialization;
    }
  }
}
