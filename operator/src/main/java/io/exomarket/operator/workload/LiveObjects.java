package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/** Where the graph finds the live objects of one kind, and tells it of its own writes. */
public interface LiveObjects {
  /** The instance's objects of this kind (managed-by and instance labels). */
  List<GenericKubernetesResource> of(ManagedServiceInstance instance);

  /** An object the operator just created: a cache must hold it before its watch event comes. */
  void created(ManagedServiceInstance instance, GenericKubernetesResource created);

  /** An object the operator just replaced. */
  void updated(
      ManagedServiceInstance instance,
      GenericKubernetesResource updated,
      GenericKubernetesResource previous);
}
