package io.exomarket.broker.instances;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Lets a synchronous OSB request wait for a resource (an instance or a binding) to reach an outcome
 * without holding a thread: each wait is a future completed from the informer's event handler (or
 * by its timeout). A wait is registered before the write it waits for, so no event can slip between
 * the two; it is armed with its condition once the write has told us the generation to look for.
 */
public final class ResourceWaiter<T extends HasMetadata> implements ResourceEventHandler<T> {
  private final Map<String, Set<Wait<T>>> waits = new ConcurrentHashMap<>();
  private final AtomicInteger inProgress = new AtomicInteger();
  private volatile boolean released;

  /** What a wait ended with: the last object seen (null when deleted), or a timeout. */
  public record Result<T>(T object, boolean timedOut) {
    static <T> Result<T> expired() {
      return new Result<>(null, true);
    }

    public boolean gone() {
      return !timedOut && object == null;
    }
  }

  public Wait<T> register(String namespace, String name) {
    Wait<T> wait = new Wait<>(key(namespace, name));
    waits.computeIfAbsent(wait.key, k -> ConcurrentHashMap.newKeySet()).add(wait);
    inProgress.incrementAndGet();
    wait.future.whenComplete(
        (r, e) -> {
          inProgress.decrementAndGet();
          waits.computeIfPresent(
              wait.key,
              (k, set) -> {
                set.remove(wait);
                return set.isEmpty() ? null : set;
              });
        });
    if (released) wait.future.complete(Result.expired());
    return wait;
  }

  /** Sync waits currently open (a metric). */
  public int inProgress() {
    return inProgress.get();
  }

  /**
   * Shutdown: every open wait ends now as if it had timed out. The intents are durable resources,
   * so the timeout answer is a correct one, and the server can stop without delay.
   */
  public void releaseAll() {
    released = true;
    waits.values().forEach(set -> set.forEach(w -> w.future.complete(Result.expired())));
  }

  @Override
  public void onAdd(T resource) {
    offer(resource, resource);
  }

  @Override
  public void onUpdate(T oldResource, T newResource) {
    offer(newResource, newResource);
  }

  @Override
  public void onDelete(T resource, boolean deletedFinalStateUnknown) {
    offer(resource, null);
  }

  private void offer(T source, T seen) {
    Set<Wait<T>> set =
        waits.get(key(source.getMetadata().getNamespace(), source.getMetadata().getName()));
    if (set != null) set.forEach(w -> w.offer(seen, seen == null));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** One waiting request. */
  public static final class Wait<T> {
    private final String key;
    private final CompletableFuture<Result<T>> future = new CompletableFuture<>();
    private Predicate<T> done;
    private T lastSeen;
    private boolean goneSeen;

    private Wait(String key) {
      this.key = key;
    }

    /**
     * Starts waiting for {@code done} (called with null when the object is deleted), checking first
     * what arrived since registration and the given current object.
     */
    public CompletableFuture<Result<T>> arm(Predicate<T> done, T current, Duration timeout) {
      synchronized (this) {
        this.done = done;
        if (goneSeen) offer(null, true);
        else if (lastSeen != null) offer(lastSeen, false);
        if (current != null) offer(current, false);
      }
      future.completeOnTimeout(Result.expired(), timeout.toMillis(), TimeUnit.MILLISECONDS);
      return future;
    }

    /** The request will not wait after all (async answer, or the write failed). */
    public void cancel() {
      future.cancel(false);
    }

    private synchronized void offer(T object, boolean gone) {
      if (future.isDone()) return;
      if (done == null) {
        if (gone) goneSeen = true;
        else lastSeen = object;
        return;
      }
      if (done.test(gone ? null : object))
        future.complete(new Result<>(gone ? null : object, false));
    }
  }
}
