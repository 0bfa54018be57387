package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ResourceDeletionPolicy;
import io.exomarket.graph.CompiledGraph;
import io.exomarket.graph.CompiledResource;
import io.exomarket.operator.retention.RetentionMarks;
import io.exomarket.operator.retention.RetentionPolicy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Deletes every object of an instance's workload explicitly, by label, so that deprovisioning never
 * depends on garbage collection (which a cluster may lack or run late). Objects are read from the
 * graph's informers where there is one, else listed by label. The kinds are the inventory of what
 * the operator may have created: every kind a graph used since start-up, the default graph's kinds
 * and the data volumes (claim templates make them, not the graph). Resources whose graph says
 * {@code Orphan} lose their owner reference instead. When the offering retains data ({@link
 * RetentionPolicy}), the volumes and the resources whose graph says {@code Retain} are kept with
 * retention marks for the purge loop; without retention, {@code Retain} acts as {@code Orphan}.
 * Idempotent: objects that were never created are simply not found.
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
  private final RetentionPolicy retention;

  /**
   * @param graphs the graph an instance last ran, if its offering still compiles (for the
   *     resources' deletion policies)
   */
  public WorkloadCleanup(
      KubernetesClient client,
      WorkloadInformers informers,
      ObjectWriter writer,
      Function<ManagedServiceInstance, Optional<CompiledGraph>> graphs,
      RetentionPolicy retention) {
    this.client = client;
    this.informers = informers;
    this.writer = writer;
    this.graphs = graphs;
    this.retention = retention;
  }

  /**
   * What a deletion pass did.
   *
   * @param retained data was kept for the retention period
   * @param nothingLeft nothing was left to delete (every object already terminating, kept or
   *     retained): what {@link #allGone} would answer on the same listing, so the caller need not
   *     list again
   */
  public record Outcome(boolean retained, boolean nothingLeft) {}

  /** Deletes (or keeps, or retains) the workload. */
  public Outcome deleteAll(ManagedServiceInstance instance) {
    Set<String> kept = keptIds(instance);
    Set<String> retainedIds = retainIds(instance);
    Optional<RetentionMarks> marks = retention.marksFor(instance);
    boolean retained = false;
    boolean nothingLeft = true;
    // Volumes first: their marks (and the loss of the StatefulSet's claim ownership) must be in
    // place before the StatefulSet goes.
    List<GenericKubernetesResource> objects = new ArrayList<>(objectsOf(instance));
    objects.sort(Comparator.comparing(o -> !isVolume(o)));
    for (GenericKubernetesResource object : objects) {
      if (object.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      String id = WorkloadInformers.label(object, ApiGroup.RESOURCE_LABEL);
      if (marks.isPresent() && (isVolume(object) || retainedIds.contains(id))) {
        writer.retain(object, marks.get());
        retained = true;
      } else if (kept.contains(id)) {
        writer.orphan(object, instance);
      } else {
        writer.delete(object);
        nothingLeft = false;
      }
    }
    return new Outcome(retained, nothingLeft);
  }

  private static boolean isVolume(GenericKubernetesResource object) {
    return "PersistentVolumeClaim".equals(object.getKind());
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

  /** Ids of the graph's resources that are not deleted with the instance (Orphan, Retain). */
  private Set<String> keptIds(ManagedServiceInstance instance) {
    return idsWhere(instance, p -> p != ResourceDeletionPolicy.DELETE);
  }

  private Set<String> retainIds(ManagedServiceInstance instance) {
    return idsWhere(instance, p -> p == ResourceDeletionPolicy.RETAIN);
  }

  private Set<String> idsWhere(
      ManagedServiceInstance instance, Predicate<ResourceDeletionPolicy> test) {
    return graphs.apply(instance).stream()
        .flatMap(graph -> graph.resources().stream())
        .filter(r -> test.test(r.deletionPolicy()))
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

  /**
   * A kind's objects of the instance: from its informer when a graph has used the kind since
   * start-up (the operator's own writes are in it at once; a delete not seen yet only costs another
   * pass), else listed from the API server (Secrets, volumes, kinds no graph used since start-up).
   */
  private List<GenericKubernetesResource> list(
      WorkloadInformers.Kind kind, ManagedServiceInstance instance) {
    Optional<LiveObjects> cached = informers.registered(kind).filter(k -> !kind.readPerNamespace());
    if (cached.isPresent()) {
      return cached.get().of(instance);
    }
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
      if (e.getCode() == 403) {
        // Not granted in this namespace (Secrets outside tenant namespaces): the operator could
        // not have made any there either.
        return List.of();
      }
      throw e;
    }
  }
}
