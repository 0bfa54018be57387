package io.exomarket.operator.dependent;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Grows the instance's data volumes when a plan change asks for more storage. Volumes never
 * shrink (Kubernetes cannot), so a smaller plan keeps the bigger volume.
 */
public final class PvcResizer {
  private final KubernetesClient client;

  public PvcResizer(KubernetesClient client) {
    this.client = client;
  }

  /** Returns the number of claims that were grown. */
  public int grow(ManagedServiceInstance instance, Quantity wanted) {
    List<PersistentVolumeClaim> claims =
        client
            .persistentVolumeClaims()
            .inNamespace(instance.getMetadata().getNamespace())
            .withLabels(WorkloadNames.selector(instance))
            .list()
            .getItems();
    int grown = 0;
    for (PersistentVolumeClaim claim : claims) {
      Quantity current = claim.getSpec().getResources().getRequests().get("storage");
      if (claim.getMetadata().getDeletionTimestamp() == null
          && (current == null || current.getNumericalAmount().compareTo(wanted.getNumericalAmount()) < 0)) {
        client
            .persistentVolumeClaims()
            .inNamespace(claim.getMetadata().getNamespace())
            .withName(claim.getMetadata().getName())
            .edit(
                c -> {
                  c.getSpec().getResources().getRequests().put("storage", wanted);
                  return c;
                });
        grown++;
      }
    }
    return grown;
  }
}
