package io.exomarket.broker.instances;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one way an OSB change (of an instance or a binding) is carried out: a request that may wait
 * registers its wait before the write (so no informer event can slip between the two), the write is
 * the durable intent, a failed write cancels the wait, and then the answer is what the operator
 * made of it, without holding a thread while waiting. A synchronous request waits up to the sync
 * timeout; an asynchronous one up to the async grace, and answers accepted (202) if the operation
 * is still running then.
 */
public final class OperationRunner<T extends HasMetadata> {
  private final ResourceWaiter<T> waiter;
  private final Duration syncTimeout;
  private final Duration asyncGrace;

  public OperationRunner(ResourceWaiter<T> waiter, Duration syncTimeout, Duration asyncGrace) {
    this.waiter = waiter;
    this.syncTimeout = syncTimeout;
    this.asyncGrace = asyncGrace;
  }

  /** One change to carry out. */
  public interface Change<T> {
    /** Writes the intent to the API server; returns the stored object (null when it is gone). */
    T write();

    /** The answer to an async request still running once the intent is written (or the grace). */
    Outcome accepted(T written);

    /** When a waiting request stops waiting (called with null once the object is deleted). */
    Predicate<T> finished(T written);

    /** The answer once the wait ended (finished, or, for a sync request, timed out). */
    Outcome settled(ResourceWaiter.Result<T> result, T written);
  }

  public CompletableFuture<Outcome> run(
      String namespace, String name, boolean async, Change<T> change) {
    boolean waits = !async || !asyncGrace.isZero();
    ResourceWaiter.Wait<T> wait = waits ? waiter.register(namespace, name) : null;
    T written;
    try {
      written = change.write();
    } catch (RuntimeException e) {
      if (wait != null) {
        wait.cancel();
      }
      throw e;
    }
    if (!waits) {
      return CompletableFuture.completedFuture(change.accepted(written));
    }
    return wait.arm(change.finished(written), written, async ? asyncGrace : syncTimeout)
        .thenApply(
            result ->
                async && result.timedOut()
                    ? change.accepted(written)
                    : change.settled(result, written));
  }

  /** Waits for an operation already in progress (a re-sent request), without writing anything. */
  public CompletableFuture<Outcome> await(
      T current, Predicate<T> finished, Function<ResourceWaiter.Result<T>, Outcome> settled) {
    ResourceWaiter.Wait<T> wait =
        waiter.register(current.getMetadata().getNamespace(), current.getMetadata().getName());
    return wait.arm(finished, current, syncTimeout).thenApply(settled);
  }
}
