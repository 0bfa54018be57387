package io.exomarket.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** What the graph's informers read a watch event into (fabric8's watch unmarshals the same way). */
class GenericWatchClientTest {
  private static final String MODIFIED =
      """
      {"type":"MODIFIED","object":{"apiVersion":"apps/v1","kind":"StatefulSet",
       "metadata":{"name":"db","namespace":"t","resourceVersion":"7"},
       "spec":{"replicas":1},"status":{"readyReplicas":1}}}""";
  private static final String GONE =
      """
      {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
       "message":"too old resource version: 1 (7)","reason":"Expired","code":410}}""";

  @Test
  void aBuiltInKindIsReadAsAGenericObjectInOnePass() {
    WatchEvent event =
        new GenericWatchClient.GenericWatchEvents().unmarshal(MODIFIED, WatchEvent.class);
    assertThat(event.getObject()).isExactlyInstanceOf(GenericKubernetesResource.class);
    GenericKubernetesResource sts = (GenericKubernetesResource) event.getObject();
    assertThat(sts.getKind()).isEqualTo("StatefulSet");
    assertThat(sts.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat((Integer) sts.get("status", "readyReplicas")).isEqualTo(1);

    // fabric8's default reads the typed class, which its watch then converts again
    assertThat(new KubernetesSerialization().unmarshal(MODIFIED, WatchEvent.class).getObject())
        .isInstanceOf(StatefulSet.class);
  }

  @Test
  void everythingElseIsReadAsFabric8ReadsIt() {
    var serialization = new GenericWatchClient.GenericWatchEvents();
    String sts = MODIFIED.substring(MODIFIED.indexOf("{\"apiVersion"), MODIFIED.length() - 1);
    assertThat(serialization.unmarshal(sts, io.fabric8.kubernetes.api.model.HasMetadata.class))
        .isInstanceOf(StatefulSet.class);
    // the resource name of a built-in kind comes from its typed class, with no discovery call
    assertThat(serialization.getRegisteredKubernetesResource("apps/v1", "StatefulSet"))
        .isEqualTo(StatefulSet.class);
  }

  @Test
  void anErrorEventStillCarriesAStatusForTheInformerToRelist() {
    WatchEvent event =
        new GenericWatchClient.GenericWatchEvents().unmarshal(GONE, WatchEvent.class);
    assertThat(event.getObject()).isInstanceOf(Status.class);
    assertThat(((Status) event.getObject()).getCode()).isEqualTo(410);
  }
}
