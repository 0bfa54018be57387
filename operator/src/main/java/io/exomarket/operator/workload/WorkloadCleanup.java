package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import java.util.List;
import java.util.Map;

/**
 * Deletes every object of an instance's workload explicitly, by label, so that deprovisioning never
 * depends on garbage collection (which a cluster may lack or run late). Idempotent: objects that
 * were never created are simply not found. The data volumes go too: a deprovisioned customer's data
 * is not kept.
 */
public final class WorkloadCleanup {
  private final KubernetesClient client;

  public WorkloadCleanup(KubernetesClient client) {
    this.client = client;
  }

  public void deleteAll(ManagedServiceInstance instance) {
    kinds(instance).forEach(FilterWatchListDeletable::delete);
  }

  /**
   * Orphans the workload: removes the owner references to {@code instance} from every object of it,
   * so that garbage collection keeps them once the instance is gone. Idempotent.
   *
   * @return how many objects were changed
   */
  public int orphanAll(ManagedServiceInstance instance) {
    String uid = instance.getMetadata().getUid();
    int changed = 0;
    for (var kind : kinds(instance)) {
      for (Object item : kind.list().getItems()) {
        HasMetadata object = (HasMetadata) item;
        if (object.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> uid.equals(o.getUid()))) {
          client
              .resource(object)
              .edit(
                  o -> {
                    o.getMetadata().getOwnerReferences().removeIf(ref -> uid.equals(ref.getUid()));
                    return o;
                  });
          changed++;
        }
      }
    }
    return changed;
  }

  /** True once nothing of the instance is left, apart from objects already terminating. */
  public boolean allGone(ManagedServiceInstance instance) {
    return kinds(instance).stream()
        .flatMap(kind -> kind.list().getItems().stream())
        .allMatch(o -> ((HasMetadata) o).getMetadata().getDeletionTimestamp() != null);
  }

  private List<
          FilterWatchListDeletable<? extends HasMetadata, ? extends KubernetesResourceList<?>, ?>>
      kinds(ManagedServiceInstance instance) {
    String ns = instance.getMetadata().getNamespace();
    Map<String, String> selector = WorkloadNames.selector(instance);
    return List.of(
        client.apps().statefulSets().inNamespace(ns).withLabels(selector),
        client.services().inNamespace(ns).withLabels(selector),
        client.network().v1().networkPolicies().inNamespace(ns).withLabels(selector),
        client.configMaps().inNamespace(ns).withLabels(selector),
        client.secrets().inNamespace(ns).withLabels(selector),
        client.persistentVolumeClaims().inNamespace(ns).withLabels(selector));
  }
}
