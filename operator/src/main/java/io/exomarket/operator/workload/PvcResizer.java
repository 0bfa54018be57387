package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/**
 * Grows the instance's data volumes when a plan change asks for more storage. Volumes never shrink
 * (Kubernetes cannot), so a smaller plan keeps the bigger volume.
 */
public final class PvcResizer {
  private final KubernetesClient client;

  public PvcResizer(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Returns why claims could not grow (empty when all did): a storage class without volume
   * expansion refuses, and that must not block the rest of a plan change.
   */
  public List<String> grow(ManagedServiceInstance instance, Quantity wanted) {
    List<PersistentVolumeClaim> claims =
        client
            .persistentVolumeClaims()
            .inNamespace(instance.getMetadata().getNamespace())
            .withLabels(WorkloadNames.selector(instance))
            .list()
            .getItems();
    List<String> refused = new java.util.ArrayList<>();
    for (PersistentVolumeClaim claim : claims) {
      Quantity current = claim.getSpec().getResources().getRequests().get("storage");
      if (claim.getMetadata().getDeletionTimestamp() == null
          && (current == null
              || current.getNumericalAmount().compareTo(wanted.getNumericalAmount()) < 0)) {
        try {
          client
              .persistentVolumeClaims()
              .inNamespace(claim.getMetadata().getNamespace())
              .withName(claim.getMetadata().getName())
              .edit(
                  c -> {
                    c.getSpec().getResources().getRequests().put("storage", wanted);
                    return c;
                  });
        } catch (KubernetesClientException e) {
          if (e.getCode() != 422 && e.getCode() != 403) {
            throw e;
          }
          refused.add(claim.getMetadata().getName() + ": " + e.getStatus().getMessage());
        }
      }
    }
    return refused;
  }
}
