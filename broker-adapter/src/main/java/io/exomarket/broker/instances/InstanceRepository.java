package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.osb.OsbError;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The MSIs of all namespaces. Reads come from an informer cache indexed by OSB instance id, so a
 * lookup needs no organization; a cache miss is confirmed against the API server through the
 * instance-id-hash label before anyone is told "unknown" (another replica may have just created
 * it), unless this replica created it and the informer has not delivered it yet. Writes go to the
 * API server with optimistic locking.
 */
public final class InstanceRepository implements AutoCloseable {
  private static final String BY_INSTANCE_ID = "instanceId";

  /** Far above a watch's delivery lag, which is milliseconds when the API server is healthy. */
  private static final Duration RECENT_BOUND = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final SharedIndexInformer<ManagedServiceInstance> informer;
  private final RecentlyCreated recent;

  public InstanceRepository(
      KubernetesClient client, ResourceEventHandler<ManagedServiceInstance> handler) {
    this.client = client;
    this.recent = new RecentlyCreated(Clock.systemUTC(), RECENT_BOUND);
    informer = client.resources(ManagedServiceInstance.class).inAnyNamespace().runnableInformer(0);
    informer.addIndexers(
        Map.of(
            BY_INSTANCE_ID,
            msi ->
                msi.getSpec() == null || msi.getSpec().getInstanceId() == null
                    ? List.of()
                    : List.of(msi.getSpec().getInstanceId())));
    informer.addEventHandler(new Delivered());
    informer.addEventHandler(handler);
  }

  /** The informer has an instance (or its deletion): it answers for it from now on. */
  private final class Delivered implements ResourceEventHandler<ManagedServiceInstance> {
    @Override
    public void onAdd(ManagedServiceInstance msi) {
      forget(msi);
    }

    @Override
    public void onUpdate(ManagedServiceInstance old, ManagedServiceInstance msi) {
      forget(msi);
    }

    @Override
    public void onDelete(ManagedServiceInstance msi, boolean deletedFinalStateUnknown) {
      recent.deleted(msi);
    }

    private void forget(ManagedServiceInstance msi) {
      if (msi.getSpec() != null) {
        recent.forget(msi.getSpec().getInstanceId());
      }
    }
  }

  public CompletionStage<Void> start() {
    return informer.start();
  }

  public boolean synced() {
    return informer.hasSynced();
  }

  /** The instance with this OSB id: from the cache, else from the API server. */
  public Optional<ManagedServiceInstance> find(String instanceId) {
    Optional<ManagedServiceInstance> cached = findCached(instanceId);
    if (cached.isPresent()) return cached;
    List<ManagedServiceInstance> live =
        client
            .resources(ManagedServiceInstance.class)
            .inAnyNamespace()
            .withLabel(InstanceNames.INSTANCE_ID_HASH_LABEL, InstanceNames.hashOf(instanceId))
            .list()
            .getItems()
            .stream()
            .filter(m -> m.getSpec() != null && instanceId.equals(m.getSpec().getInstanceId()))
            .toList();
    return live.isEmpty() ? Optional.empty() : Optional.of(single(live, instanceId));
  }

  /**
   * The instance with this OSB id as far as the cache knows, or as this replica created it (either
   * may lag behind the API server).
   */
  public Optional<ManagedServiceInstance> findCached(String instanceId) {
    List<ManagedServiceInstance> cached = informer.getIndexer().byIndex(BY_INSTANCE_ID, instanceId);
    return cached.isEmpty() ? recent.get(instanceId) : Optional.of(single(cached, instanceId));
  }

  /** The cached object of that name, if any (it may lag behind the API server). */
  public ManagedServiceInstance cached(String namespace, String name) {
    return informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
  }

  /** How many created instances the informer has not delivered yet (tests). */
  int recentlyCreated() {
    return recent.size();
  }

  /** The current object from the API server; null when it does not exist. */
  public ManagedServiceInstance fetch(String namespace, String name) {
    return client
        .resources(ManagedServiceInstance.class)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  public ManagedServiceInstance create(ManagedServiceInstance msi) {
    ManagedServiceInstance created =
        client
            .resources(ManagedServiceInstance.class)
            .inNamespace(msi.getMetadata().getNamespace())
            .resource(msi)
            .create();
    if (cached(created.getMetadata().getNamespace(), created.getMetadata().getName()) == null) {
      recent.add(created);
    }
    return created;
  }

  /**
   * PUT with the object's resourceVersion: a concurrent change answers 409 instead of being lost.
   * The status sent is the server's own at that version: a real API server ignores status on this
   * write, but the fabric8 mock (tests, sandbox) stores it, and a copy from the informer cache
   * could roll back what the operator just recorded (its usage ledger).
   */
  public ManagedServiceInstance update(ManagedServiceInstance msi) {
    var resource =
        client
            .resources(ManagedServiceInstance.class)
            .inNamespace(msi.getMetadata().getNamespace())
            .withName(msi.getMetadata().getName());
    ManagedServiceInstance current = resource.get();
    if (current != null
        && Objects.equals(
            current.getMetadata().getResourceVersion(), msi.getMetadata().getResourceVersion())) {
      msi.setStatus(current.getStatus());
    }
    return client
        .resources(ManagedServiceInstance.class)
        .inNamespace(msi.getMetadata().getNamespace())
        .resource(msi)
        .update();
  }

  public void delete(ManagedServiceInstance msi) {
    recent.forget(msi.getSpec() == null ? null : msi.getSpec().getInstanceId());
    client
        .resources(ManagedServiceInstance.class)
        .inNamespace(msi.getMetadata().getNamespace())
        .withName(msi.getMetadata().getName())
        .delete();
  }

  /**
   * Two resources claiming one OSB id (e.g. one applied by hand) is a conflict we cannot resolve.
   */
  private static ManagedServiceInstance single(
      List<ManagedServiceInstance> found, String instanceId) {
    if (found.size() > 1) {
      throw OsbError.conflict(
          found.size()
              + " ManagedServiceInstances carry instance id "
              + instanceId
              + "; resolve by hand");
    }
    return found.get(0);
  }

  @Override
  public void close() {
    informer.close();
  }
}
