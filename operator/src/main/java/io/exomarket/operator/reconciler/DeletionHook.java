package io.exomarket.operator.reconciler;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * Work that must finish before a deleted instance's finalizer goes, after its workload is deleted
 * (metering's final usage report plugs in here). Must be idempotent: it runs again after a crash.
 */
public interface DeletionHook {

  /** Empty when done (it may write status through {@code context}, like the reconciler); otherwise ask to be called again after the given delay. */
  Optional<Duration> beforeFinalizerRemoval(ManagedServiceInstance instance, Context<ManagedServiceInstance> context);
}
