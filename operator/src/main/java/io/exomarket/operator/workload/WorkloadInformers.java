package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.graph.CompiledGraph;
import io.exomarket.graph.CompiledResource;
import io.exomarket.operator.cache.TrimmedItemStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One informer per kind the offerings use, registered with the instance controller when a graph
 * first needs the kind (offerings are edited at run time, so the kinds are not known at start-up).
 * Each watches only objects with the operator's managed-by label and maps an object to its instance
 * by the instance label, so a status change of any composed object re-reconciles its instance
 * without polling. The caches are what the graph reads its live objects from.
 */
public final class WorkloadInformers {
  /** A kind, by the apiVersion and kind a template names. */
  public record Kind(String apiVersion, String kind) {
    static Kind of(CompiledResource resource) {
      return new Kind(resource.apiVersion(), resource.kind());
    }

    String sourceName() {
      return "workload-" + (apiVersion + "-" + kind).toLowerCase(Locale.ROOT).replace('/', '-');
    }
  }

  private final ConcurrentMap<
          Kind, InformerEventSource<GenericKubernetesResource, ManagedServiceInstance>>
      sources = new ConcurrentHashMap<>();

  /** The informer of a kind, registered (and synced) on first use. */
  public InformerEventSource<GenericKubernetesResource, ManagedServiceInstance> of(
      Context<ManagedServiceInstance> context, Kind kind) {
    var known = sources.get(kind);
    if (known != null) {
      return known;
    }
    var retriever = context.eventSourceRetriever();
    var source =
        new InformerEventSource<GenericKubernetesResource, ManagedServiceInstance>(
            InformerEventSourceConfiguration.from(
                    new GroupVersionKind(kind.apiVersion(), kind.kind()),
                    ManagedServiceInstance.class)
                .withName(kind.sourceName())
                .withNamespacesInheritedFromController()
                .withLabelSelector(WorkloadNames.MANAGED_SELECTOR)
                .withItemStore(TrimmedItemStore.withoutManagedFields())
                .withSecondaryToPrimaryMapper(WorkloadInformers::instanceOf)
                .build(),
            retriever.eventSourceContextForDynamicRegistration());
    // Registration by name is idempotent: a concurrent first use gets the same source back.
    var registered =
        (InformerEventSource<GenericKubernetesResource, ManagedServiceInstance>)
            retriever.dynamicallyRegisterEventSource(source);
    sources.put(kind, registered);
    return registered;
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
    for (CompiledResource resource : graph.resources()) {
      of(context, Kind.of(resource)).getSecondaryResources(instance).stream()
          .filter(o -> resource.id().equals(label(o, ApiGroup.RESOURCE_LABEL)))
          .findFirst()
          .ifPresent(o -> live.put(resource.id(), o));
    }
    return live;
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
