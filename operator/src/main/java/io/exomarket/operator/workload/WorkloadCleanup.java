package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ResourceDeletionPolicy;
import io.exomarket.graph.CompiledGraph;
import io.exomarket.graph.CompiledResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Deletes every object of an instance's workload explicitly, by label, so that deprovisioning never
 * depends on garbage collection (which a cluster may lack or run late). The kinds are the inventory
 * of what the operator may have created: every kind a graph used since start-up, the default
 * graph's kinds and the data volumes (claim templates make them, not the graph). Resources whose
 * graph says {@code Orphan} lose their owner reference instead. Idempotent: objects that were never
 * created are simply not found.
 */
public final class WorkloadCleanup {
  private static final List<WorkloadInformers.Kind> ALWAYS =
      List.of(
          new WorkloadInformers.Kind("apps/v1", "StatefulSet"),
          new WorkloadInformers.Kind("v1", "Service"),
          new WorkloadInformers.Kind("networking.k8s.io/v1", "NetworkPolicy"),
          new WorkloadInformers.Kind("v1", "ConfigMap"),
          new WorkloadInformers.Kind("v1", "Secret"),
          new WorkloadInformers.Kind("v1", "PersistentVolumeClaim"));

  private final KubernetesClient client;
  private final WorkloadInformers informers;
  private final ObjectWriter writer;
  private final Function<ManagedServiceInstance, Optional<CompiledGraph>> graphs;

  /**
   * @param graphs the graph an instance last ran, if its offering still compiles (for the
   *     resources' deletion policies)
   */
  public WorkloadCleanup(
      KubernetesClient client,
      WorkloadInformers informers,
      ObjectWriter writer,
      Function<ManagedServiceInstance, Optional<CompiledGraph>> graphs) {
    this.client = client;
    this.informers = informers;
    this.writer = writer;
    this.graphs = graphs;
  }

  /**
   * @return true when nothing was left to delete (every object already terminating or kept): what
   *     {@link #allGone} would answer on the same listing, so the caller need not list again
   */
  public boolean deleteAll(ManagedServiceInstance instance) {
    Set<String> kept = keptIds(instance);
    boolean nothingLeft = true;
    for (GenericKubernetesResource object : objectsOf(instance)) {
      if (object.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      if (kept.contains(WorkloadInformers.label(object, ApiGroup.RESOURCE_LABEL))) {
        writer.orphan(object, instance);
      } else {
        writer.delete(object);
        nothingLeft = false;
      }
    }
    return nothingLeft;
  }

  /**
   * Orphans the workload: removes the owner references to {@code instance} from every object of it,
   * so that garbage collection keeps them once the instance is gone. Idempotent.
   */
  public void orphanAll(ManagedServiceInstance instance) {
    objectsOf(instance).forEach(object -> writer.orphan(object, instance));
  }

  /** True once nothing deletable of the instance is left, apart from objects terminating. */
  public boolean allGone(ManagedServiceInstance instance) {
    Set<String> kept = keptIds(instance);
    return objectsOf(instance).stream()
        .filter(o -> !kept.contains(WorkloadInformers.label(o, ApiGroup.RESOURCE_LABEL)))
        .allMatch(o -> o.getMetadata().getDeletionTimestamp() != null);
  }

  private Set<String> keptIds(ManagedServiceInstance instance) {
    return graphs.apply(instance).stream()
        .flatMap(graph -> graph.resources().stream())
        .filter(r -> r.deletionPolicy() != ResourceDeletionPolicy.DELETE)
        .map(CompiledResource::id)
        .collect(Collectors.toSet());
  }

  private List<GenericKubernetesResource> objectsOf(ManagedServiceInstance instance) {
    Set<WorkloadInformers.Kind> kinds = new LinkedHashSet<>(ALWAYS);
    kinds.addAll(informers.kinds());
    return kinds.stream()
        .flatMap(kind -> list(kind, instance).stream())
        .collect(Collectors.toList());
  }

  private List<GenericKubernetesResource> list(
      WorkloadInformers.Kind kind, ManagedServiceInstance instance) {
    try {
      return client
          .genericKubernetesResources(kind.apiVersion(), kind.kind())
          .inNamespace(instance.getMetadata().getNamespace())
          .withLabels(WorkloadNames.selector(instance))
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // the kind is no longer served: nothing of it can be left
      }
      throw e;
    }
  }
}
