package io.exomarket.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SerializedItemStoreTest {
  @Test
  void keepsGenericObjectsWholeExceptManagedFieldsAndReturnsThePreviousState() {
    SerializedItemStore<GenericKubernetesResource> store =
        SerializedItemStore.of(GenericKubernetesResource.class);
    GenericKubernetesResource sts = statefulSet("1", 1);
    String key = store.getKey(sts);
    assertThat(key).isEqualTo("tenant-a/db-0");

    assertThat(store.put(key, sts)).isNull();
    GenericKubernetesResource cached = store.get(key);
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getLabels()).containsEntry("app", "db");
    assertThat(cached.getApiVersion()).isEqualTo("apps/v1");
    assertThat(cached.getKind()).isEqualTo("StatefulSet");
    assertThat(spec(cached))
        .containsEntry("replicas", 1)
        .containsEntry("serviceName", "db-0")
        .containsKey("template");
    assertThat(cached.get("status", "readyReplicas").toString()).isEqualTo("1");

    GenericKubernetesResource previous = store.put(key, statefulSet("2", 3));
    assertThat(previous.getMetadata().getResourceVersion()).isEqualTo("1");
    assertThat(spec(store.get(key))).containsEntry("replicas", 3);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.keySet()).containsExactly(key);
    assertThat(store.values())
        .extracting(o -> o.getMetadata().getResourceVersion())
        .containsExactly("2");

    assertThat(store.remove(key).getMetadata().getResourceVersion()).isEqualTo("2");
    assertThat(store.get(key)).isNull();
    assertThat(store.remove(key)).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  void composedObjectsLeaveTheirHandlersMetadataOnlyAndTheStoreWhole() {
    SerializedItemStore<GenericKubernetesResource> store = SerializedItemStore.ofComposedObjects();
    GenericKubernetesResource received = statefulSet("1", 2);
    String key = store.getKey(received);

    store.put(key, received);

    // What the informer hands to its event handlers: enough to map it to its instance.
    assertThat(received.getAdditionalProperties()).isEmpty();
    assertThat(received.getMetadata().getLabels()).containsEntry("app", "db");
    assertThat(received.getKind()).isEqualTo("StatefulSet");
    assertThat(spec(store.get(key))).containsEntry("replicas", 2);
    assertThat(store.get(key).get("status", "readyReplicas").toString()).isEqualTo("1");
  }

  @Test
  void everyReadIsAFreshCopySoNoReaderChangesTheCache() {
    SerializedItemStore<GenericKubernetesResource> store =
        SerializedItemStore.of(GenericKubernetesResource.class);
    GenericKubernetesResource sts = statefulSet("1", 1);
    String key = store.getKey(sts);
    store.put(key, sts);

    GenericKubernetesResource read = store.get(key);
    read.getMetadata().getLabels().put("app", "changed");
    spec(read).put("replicas", 7);

    assertThat(store.get(key)).isNotSameAs(read);
    assertThat(store.get(key).getMetadata().getLabels()).containsEntry("app", "db");
    assertThat(spec(store.get(key))).containsEntry("replicas", 1);
  }

  @Test
  void typedObjectsComeBackTypedAndTheTrimmerDecidesWhatIsStored() {
    SerializedItemStore<ManagedServiceInstance> store =
        new SerializedItemStore<>(
            ManagedServiceInstance.class,
            i -> {
              i.getMetadata().setAnnotations(null);
              return i;
            });
    ManagedServiceInstance msi = new ManagedServiceInstance();
    msi.getMetadata().setName("db");
    msi.getMetadata().setNamespace("tenant-a");
    msi.getMetadata().setAnnotations(Map.of("note", "dropped"));
    msi.setStatus(new ManagedServiceInstanceStatus());
    msi.getStatus().setState(InstanceState.Ready);

    store.put(store.getKey(msi), msi);

    ManagedServiceInstance cached = store.get("tenant-a/db");
    assertThat(cached).isInstanceOf(ManagedServiceInstance.class);
    assertThat(cached.getStatus().getState()).isEqualTo(InstanceState.Ready);
    assertThat(cached.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource object) {
    return (Map<String, Object>) object.getAdditionalProperties().get("spec");
  }

  private static GenericKubernetesResource statefulSet(String resourceVersion, int replicas) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("apps/v1")
        .withKind("StatefulSet")
        .withNewMetadata()
        .withName("db-0")
        .withNamespace("tenant-a")
        .withResourceVersion(resourceVersion)
        .withLabels(new java.util.HashMap<>(Map.of("app", "db")))
        .withManagedFields(
            new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").build())
        .endMetadata()
        .withAdditionalProperties(
            new java.util.HashMap<>(
                Map.of(
                    "spec",
                    new java.util.HashMap<>(
                        Map.of(
                            "replicas",
                            replicas,
                            "serviceName",
                            "db-0",
                            "template",
                            Map.of(
                                "spec",
                                Map.of(
                                    "containers",
                                    List.of(Map.of("name", "db", "image", "acme/db:1")))))),
                    "status",
                    Map.of("readyReplicas", 1))))
        .build();
  }
}
