package io.exomarket.operator.reconciler;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.Objects;

/**
 * Writes status with optimistic locking (a PUT of the status subresource carrying the
 * resourceVersion) and puts the result in the informer cache for the next reconcile. A status that
 * would not change is not written. Not merge patch (the fabric8 mock appends arrays on merge) and
 * not server-side apply (the mock answers 415): a replace works the same on both.
 */
public final class StatusRecorder {

  private StatusRecorder() {}

  /** Returns the instance as stored after the write (or unchanged when nothing changed). */
  public static ManagedServiceInstance record(
      ManagedServiceInstance instance,
      ManagedServiceInstanceStatus status,
      Context<ManagedServiceInstance> context) {
    if (Objects.equals(instance.getStatus(), status)) {
      return instance;
    }
    ManagedServiceInstanceStatus copy = copy(status);
    // Never modify the object the framework handed us: it diffs that object later to patch
    // finalizers, and a status change in it would turn into a bogus JSON patch.
    return PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        Serialization.clone(instance),
        context,
        fresh -> {
          fresh.setStatus(copy(copy));
          return fresh;
        });
  }

  public static ManagedServiceInstanceStatus copy(ManagedServiceInstanceStatus status) {
    return status == null
        ? new ManagedServiceInstanceStatus()
        : Serialization.clone(status);
  }
}
