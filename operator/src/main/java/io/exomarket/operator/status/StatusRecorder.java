package io.exomarket.operator.status;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.time.Clock;
import java.util.Objects;

/**
 * The one status writer of a reconcile. It holds the instance as last stored; each part of the
 * reconcile asks it for an {@link InstanceStatusAggregator} on that version and records it, so a
 * later write never rolls back an earlier one and the error path starts from what was written, not
 * from a cache. Writes replace the status subresource under the resourceVersion (409 on a
 * concurrent change) and put the result in the informer cache; an unchanged status is not written.
 * Not merge patch (the fabric8 mock appends arrays on merge) and not server-side apply (the mock
 * answers 415): a replace works the same on both.
 */
public final class StatusRecorder {
  private static final String KEY = StatusRecorder.class.getName();
  private static final int NO_RETRY = 0;
  private static final long CACHE_POLL_TIMEOUT_MILLIS = 10_000;
  private static final long CACHE_POLL_PERIOD_MILLIS = 50;

  private final Context<ManagedServiceInstance> context;
  private final Clock clock;
  private ManagedServiceInstance current;

  private StatusRecorder(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context, Clock clock) {
    this.current = instance;
    this.context = context;
    this.clock = clock;
  }

  /** The recorder of this reconcile, created on first use (the error handler finds it again). */
  public static StatusRecorder of(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context, Clock clock) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    StatusRecorder existing = shared.get(KEY, StatusRecorder.class).orElse(null);
    if (existing != null) {
      return existing;
    }
    StatusRecorder recorder = new StatusRecorder(instance, context, clock);
    shared.put(KEY, recorder);
    return recorder;
  }

  /** The instance as last stored (or as the reconcile began). */
  public ManagedServiceInstance current() {
    return current;
  }

  public Context<ManagedServiceInstance> context() {
    return context;
  }

  /** A new aggregator on the current version, at the clock's now. */
  public InstanceStatusAggregator aggregate() {
    return new InstanceStatusAggregator(current, clock.instant());
  }

  /** Builds and writes the aggregated status; returns whether anything was written. */
  public boolean record(InstanceStatusAggregator aggregator) {
    ManagedServiceInstanceStatus status = aggregator.build();
    if (Objects.equals(current.getStatus(), status)) {
      return false;
    }
    ManagedServiceInstanceStatus copy = Serialization.clone(status);
    // Never modify the object the framework handed us: it diffs that object later to patch
    // finalizers, and a status change in it would turn into a bogus JSON patch.
    current =
        PrimaryUpdateAndCacheUtils.updateAndCacheResource(
            Serialization.clone(current),
            context,
            fresh -> {
              fresh.setStatus(Serialization.clone(copy));
              return fresh;
            },
            r -> context.getClient().resource(r).updateStatus(),
            // No retry on a conflict: the framework's would lay this status, computed from the
            // version we read, over a newer one (a stale ledger over a newer ledger: a report
            // sent twice). A conflict fails the reconcile; the next one starts from the new
            // version.
            NO_RETRY,
            CACHE_POLL_TIMEOUT_MILLIS,
            CACHE_POLL_PERIOD_MILLIS);
    return true;
  }

  /** Whether anything was written since the reconcile began. */
  public boolean wrote(ManagedServiceInstance original) {
    return current != original;
  }
}
