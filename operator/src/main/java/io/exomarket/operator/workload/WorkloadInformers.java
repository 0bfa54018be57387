package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.graph.CompiledGraph;
import io.exomarket.graph.CompiledResource;
import io.exomarket.operator.cache.SerializedItemStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One informer per kind the offerings use, registered with the instance controller when a graph
 * first needs the kind (offerings are edited at run time, so the kinds are not known at start-up).
 * Each watches only objects with the operator's managed-by label and maps an object to its instance
 * by the instance label, so a status change of any composed object re-reconciles its instance
 * without polling. The caches are what the graph reads its live objects from.
 *
 * <p>Secrets are the exception: a cluster-wide watch needs a cluster-wide grant, and that would let
 * the operator read every Secret of the cluster. They are read in the instance's namespace (one
 * LIST by label per reconcile), under the per-namespace grant of {@link
 * io.exomarket.api.tenant.TenantGrant}; a changed or deleted Secret is put back at the instance's
 * next reconcile rather than at once: at the latest its resync (RESYNC_INTERVAL_SECONDS).
 */
public final class WorkloadInformers implements AutoCloseable {
  private static final Set<Kind> READ_PER_NAMESPACE = Set.of(new Kind("v1", "Secret"));

  /** A kind, by the apiVersion and kind a template names. */
  public record Kind(String apiVersion, String kind) {
    static Kind of(CompiledResource resource) {
      return new Kind(resource.apiVersion(), resource.kind());
    }

    /** Whether objects of this kind are read per namespace, without an informer. */
    public boolean readPerNamespace() {
      return READ_PER_NAMESPACE.contains(this);
    }

    String sourceName() {
      return "workload-" + (apiVersion + "-" + kind).toLowerCase(Locale.ROOT).replace('/', '-');
    }
  }

  private final ConcurrentMap<Kind, LiveObjects> sources = new ConcurrentHashMap<>();
  private final KubernetesClient watchClient;

  /** Informers that watch with their own {@link GenericWatchClient} (closed with this). */
  public WorkloadInformers(KubernetesClient client) {
    this.watchClient = GenericWatchClient.from(client);
  }

  /** Where the objects of a kind are read: its informer, registered (and synced) on first use. */
  public LiveObjects of(Context<ManagedServiceInstance> context, Kind kind) {
    LiveObjects known = sources.get(kind);
    if (known != null) {
      return known;
    }
    // Not under computeIfAbsent: registering waits for the informer to sync.
    LiveObjects made =
        kind.readPerNamespace()
            ? new NamespaceReads(context.getClient(), kind)
            : new Cached(register(context, kind));
    LiveObjects raced = sources.putIfAbsent(kind, made);
    return raced == null ? made : raced;
  }

  private InformerEventSource<GenericKubernetesResource, ManagedServiceInstance> register(
      Context<ManagedServiceInstance> context, Kind kind) {
    var retriever = context.eventSourceRetriever();
    var source =
        new InformerEventSource<GenericKubernetesResource, ManagedServiceInstance>(
            InformerEventSourceConfiguration.from(
                    new GroupVersionKind(kind.apiVersion(), kind.kind()),
                    ManagedServiceInstance.class)
                .withName(kind.sourceName())
                .withKubernetesClient(watchClient)
                .withNamespacesInheritedFromController()
                .withLabelSelector(WorkloadNames.MANAGED_SELECTOR)
                .withItemStore(SerializedItemStore.ofComposedObjects())
                .withInformerListLimit(SerializedItemStore.LIST_PAGE)
                .withSecondaryToPrimaryMapper(WorkloadInformers::instanceOf)
                .build(),
            retriever.eventSourceContextForDynamicRegistration());
    // Registration by name is idempotent: a concurrent first use gets the same source back.
    return (InformerEventSource<GenericKubernetesResource, ManagedServiceInstance>)
        retriever.dynamicallyRegisterEventSource(source);
  }

  /** Where a kind is read, if a graph has used it since start-up (no registration here). */
  Optional<LiveObjects> registered(Kind kind) {
    return Optional.ofNullable(sources.get(kind));
  }

  /** The kinds registered so far: everything the operator may have created. */
  public Set<Kind> kinds() {
    return Set.copyOf(sources.keySet());
  }

  /** The live object of each resource of the graph that exists for the instance, by id. */
  public Map<String, GenericKubernetesResource> live(
      Context<ManagedServiceInstance> context,
      ManagedServiceInstance instance,
      CompiledGraph graph) {
    Map<String, GenericKubernetesResource> live = new LinkedHashMap<>();
    Map<Kind, List<GenericKubernetesResource>> byKind = new HashMap<>();
    for (CompiledResource resource : graph.resources()) {
      byKind.computeIfAbsent(Kind.of(resource), kind -> of(context, kind).of(instance)).stream()
          .filter(o -> resource.id().equals(label(o, ApiGroup.RESOURCE_LABEL)))
          .findFirst()
          .ifPresent(o -> live.put(resource.id(), o));
    }
    return live;
  }

  /** Closes the watch client, once the informers are stopped. */
  @Override
  public void close() {
    watchClient.close();
  }

  /** A kind read from its informer's cache. */
  private record Cached(
      InformerEventSource<GenericKubernetesResource, ManagedServiceInstance> informer)
      implements LiveObjects {
    @Override
    public List<GenericKubernetesResource> of(ManagedServiceInstance instance) {
      return List.copyOf(informer.getSecondaryResources(instance));
    }

    @Override
    public void created(ManagedServiceInstance instance, GenericKubernetesResource created) {
      informer.handleRecentResourceCreate(ResourceID.fromResource(instance), created);
    }

    @Override
    public void updated(
        ManagedServiceInstance instance,
        GenericKubernetesResource updated,
        GenericKubernetesResource previous) {
      informer.handleRecentResourceUpdate(ResourceID.fromResource(instance), updated, previous);
    }
  }

  /** A kind read from the API server, in the instance's namespace only; nothing to cache. */
  private record NamespaceReads(KubernetesClient client, Kind kind) implements LiveObjects {
    @Override
    public List<GenericKubernetesResource> of(ManagedServiceInstance instance) {
      Map<String, String> labels = new HashMap<>(WorkloadNames.selector(instance));
      labels.put(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE);
      try {
        return client
            .genericKubernetesResources(kind.apiVersion(), kind.kind())
            .inNamespace(instance.getMetadata().getNamespace())
            .withLabels(labels)
            .list()
            .getItems();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403) {
          // No grant here (yet, or not a tenant namespace): nothing of ours can exist, and the
          // write that follows is refused with the API server's reason (WorkloadRejected).
          return List.of();
        }
        throw e;
      }
    }

    @Override
    public void created(ManagedServiceInstance instance, GenericKubernetesResource created) {}

    @Override
    public void updated(
        ManagedServiceInstance instance,
        GenericKubernetesResource updated,
        GenericKubernetesResource previous) {}
  }

  private static Set<ResourceID> instanceOf(GenericKubernetesResource object) {
    String instance = label(object, ApiGroup.INSTANCE_LABEL);
    return instance == null
        ? Set.of()
        : Set.of(new ResourceID(instance, object.getMetadata().getNamespace()));
  }

  static String label(GenericKubernetesResource object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
