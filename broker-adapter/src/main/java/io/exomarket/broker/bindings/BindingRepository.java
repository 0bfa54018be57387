package io.exomarket.broker.bindings;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.instances.InstanceNames;
import io.exomarket.broker.osb.OsbError;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The ManagedServiceBindings of all namespaces, as {@code InstanceRepository} keeps the instances:
 * reads from an informer cache indexed by OSB binding id, a miss confirmed on the API server by the
 * binding-id-hash label, writes to the API server. The binding's Secret is read with a GET when an
 * answer needs the credentials (no Secret informer: the adapter reads secrets only per request).
 */
public final class BindingRepository implements AutoCloseable {
  /** Label on every binding the broker creates: the hash of its binding id. */
  public static final String BINDING_ID_HASH_LABEL = ApiGroup.NAME + "/binding-id-hash";

  private static final String BY_BINDING_ID = "bindingId";
  private static final String BY_INSTANCE = "instance";
  private final KubernetesClient client;
  private final SharedIndexInformer<ManagedServiceBinding> informer;

  public BindingRepository(
      KubernetesClient client, ResourceEventHandler<ManagedServiceBinding> handler) {
    this.client = client;
    informer = client.resources(ManagedServiceBinding.class).inAnyNamespace().runnableInformer(0);
    informer.addIndexers(
        Map.of(
            BY_BINDING_ID,
            b ->
                b.getSpec() == null || b.getSpec().getBindingId() == null
                    ? List.of()
                    : List.of(b.getSpec().getBindingId()),
            BY_INSTANCE,
            b -> List.of(instanceKey(b.getMetadata().getNamespace(), instanceOf(b)))));
    informer.addEventHandler(handler);
  }

  public CompletionStage<Void> start() {
    return informer.start();
  }

  public boolean synced() {
    return informer.hasSynced();
  }

  /** The binding with this OSB id: from the cache, else from the API server. */
  public Optional<ManagedServiceBinding> find(String bindingId) {
    Optional<ManagedServiceBinding> cached = findCached(bindingId);
    if (cached.isPresent()) return cached;
    List<ManagedServiceBinding> live =
        client
            .resources(ManagedServiceBinding.class)
            .inAnyNamespace()
            .withLabel(BINDING_ID_HASH_LABEL, InstanceNames.hashOf(bindingId))
            .list()
            .getItems()
            .stream()
            .filter(b -> b.getSpec() != null && bindingId.equals(b.getSpec().getBindingId()))
            .toList();
    return live.isEmpty() ? Optional.empty() : Optional.of(single(live, bindingId));
  }

  public Optional<ManagedServiceBinding> findCached(String bindingId) {
    List<ManagedServiceBinding> cached = informer.getIndexer().byIndex(BY_BINDING_ID, bindingId);
    return cached.isEmpty() ? Optional.empty() : Optional.of(single(cached, bindingId));
  }

  public ManagedServiceBinding fetch(String namespace, String name) {
    return client
        .resources(ManagedServiceBinding.class)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  public ManagedServiceBinding create(ManagedServiceBinding binding) {
    return client
        .resources(ManagedServiceBinding.class)
        .inNamespace(binding.getMetadata().getNamespace())
        .resource(binding)
        .create();
  }

  public void delete(ManagedServiceBinding binding) {
    client
        .resources(ManagedServiceBinding.class)
        .inNamespace(binding.getMetadata().getNamespace())
        .withName(binding.getMetadata().getName())
        .delete();
  }

  /**
   * Marks every binding of the instance for deletion (a deprovision before its unbinds). Nothing is
   * sent when the cache knows of no binding of it, as for most instances: the platform does not
   * bind and deprovision one instance at the same time, and a binding the cache has not seen yet
   * still goes with its instance (its owner reference).
   */
  public void deleteAllOf(ManagedServiceInstance instance) {
    String key =
        instanceKey(instance.getMetadata().getNamespace(), instance.getMetadata().getName());
    if (informer.getIndexer().byIndex(BY_INSTANCE, key).isEmpty()) {
      return;
    }
    client
        .resources(ManagedServiceBinding.class)
        .inNamespace(instance.getMetadata().getNamespace())
        .withLabel(ApiGroup.BINDING_INSTANCE_LABEL, instance.getMetadata().getName())
        .delete();
  }

  /** The binding's Secret, by GET; null when it does not exist (yet). */
  public Secret secret(String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  private static String instanceOf(ManagedServiceBinding binding) {
    Map<String, String> labels = binding.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(ApiGroup.BINDING_INSTANCE_LABEL, "");
  }

  private static String instanceKey(String namespace, String instance) {
    return namespace + "/" + instance;
  }

  private static ManagedServiceBinding single(List<ManagedServiceBinding> found, String id) {
    if (found.size() > 1) {
      throw OsbError.conflict(
          found.size() + " ManagedServiceBindings carry binding id " + id + "; resolve by hand");
    }
    return found.get(0);
  }

  @Override
  public void close() {
    informer.close();
  }
}
