package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one way an OSB change is carried out: a synchronous request registers its wait before the
 * write (so no informer event can slip between the two), the write is the durable intent, a failed
 * write cancels the wait, and then the answer is either the accepted operation (async) or what the
 * operator made of it (sync), without holding a thread while waiting.
 */
final class OperationRunner {
  private final InstanceWaiter waiter;
  private final Duration syncTimeout;

  OperationRunner(InstanceWaiter waiter, Duration syncTimeout) {
    this.waiter = waiter;
    this.syncTimeout = syncTimeout;
  }

  /** One change to carry out. */
  interface Change {
    /** Writes the intent to the API server; returns the stored object (null when it is gone). */
    ManagedServiceInstance write();

    /** The answer to an async request once the intent is written. */
    Outcome accepted(ManagedServiceInstance written);

    /** When a sync request stops waiting (called with null once the object is deleted). */
    Predicate<ManagedServiceInstance> finished(ManagedServiceInstance written);

    /** The answer to a sync request once the wait ended. */
    Outcome settled(InstanceWaiter.Result result, ManagedServiceInstance written);
  }

  CompletableFuture<Outcome> run(String namespace, String name, boolean async, Change change) {
    InstanceWaiter.Wait wait = async ? null : waiter.register(namespace, name);
    ManagedServiceInstance written;
    try {
      written = change.write();
    } catch (RuntimeException e) {
      if (wait != null) {
        wait.cancel();
      }
      throw e;
    }
    if (async) {
      return CompletableFuture.completedFuture(change.accepted(written));
    }
    return wait.arm(change.finished(written), written, syncTimeout)
        .thenApply(result -> change.settled(result, written));
  }

  /** Waits for an operation already in progress (a re-sent request), without writing anything. */
  CompletableFuture<Outcome> await(
      ManagedServiceInstance current,
      Predicate<ManagedServiceInstance> finished,
      Function<InstanceWaiter.Result, Outcome> settled) {
    InstanceWaiter.Wait wait =
        waiter.register(current.getMetadata().getNamespace(), current.getMetadata().getName());
    return wait.arm(finished, current, syncTimeout).thenApply(settled);
  }
}
