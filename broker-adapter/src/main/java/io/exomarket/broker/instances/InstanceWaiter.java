package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
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
 * Lets a synchronous OSB request wait for an MSI to reach an outcome without holding a thread: each
 * wait is a future completed from the informer's event handler (or by its timeout). A wait is
 * registered before the write it waits for, so no event can slip between the two; it is armed with
 * its condition once the write has told us the generation to look for.
 */
public final class InstanceWaiter implements ResourceEventHandler<ManagedServiceInstance> {
  private final Map<String, Set<Wait>> waits = new ConcurrentHashMap<>();
  private final AtomicInteger inProgress = new AtomicInteger();
  private volatile boolean released;

  /** What a wait ended with: the last object seen (null when deleted), or a timeout. */
  public record Result(ManagedServiceInstance msi, boolean timedOut) {
    static final Result TIMED_OUT = new Result(null, true);

    public boolean gone() {
      return !timedOut && msi == null;
    }
  }

  public Wait register(String namespace, String name) {
    Wait wait = new Wait(key(namespace, name));
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
    if (released) wait.future.complete(Result.TIMED_OUT);
    return wait;
  }

  /** Sync waits currently open (a metric). */
  public int inProgress() {
    return inProgress.get();
  }

  /**
   * Shutdown: every open wait ends now as if it had timed out. The intents are durable in the MSIs,
   * so the timeout answer is a correct one, and the server can stop without delay.
   */
  public void releaseAll() {
    released = true;
    waits.values().forEach(set -> set.forEach(w -> w.future.complete(Result.TIMED_OUT)));
  }

  @Override
  public void onAdd(ManagedServiceInstance msi) {
    offer(msi, msi);
  }

  @Override
  public void onUpdate(ManagedServiceInstance oldMsi, ManagedServiceInstance newMsi) {
    offer(newMsi, newMsi);
  }

  @Override
  public void onDelete(ManagedServiceInstance msi, boolean deletedFinalStateUnknown) {
    offer(msi, null);
  }

  private void offer(ManagedServiceInstance source, ManagedServiceInstance seen) {
    Set<Wait> set =
        waits.get(key(source.getMetadata().getNamespace(), source.getMetadata().getName()));
    if (set != null) set.forEach(w -> w.offer(seen, seen == null));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** One waiting request. */
  public static final class Wait {
    private final String key;
    private final CompletableFuture<Result> future = new CompletableFuture<>();
    private Predicate<ManagedServiceInstance> done;
    private ManagedServiceInstance lastSeen;
    private boolean goneSeen;

    private Wait(String key) {
      this.key = key;
    }

    /**
     * Starts waiting for {@code done} (called with null when the object is deleted), checking first
     * what arrived since registration and the given current object.
     */
    public CompletableFuture<Result> arm(
        Predicate<ManagedServiceInstance> done, ManagedServiceInstance current, Duration timeout) {
      synchronized (this) {
        this.done = done;
        if (goneSeen) offer(null, true);
        else if (lastSeen != null) offer(lastSeen, false);
        if (current != null) offer(current, false);
      }
      future.completeOnTimeout(Result.TIMED_OUT, timeout.toMillis(), TimeUnit.MILLISECONDS);
      return future;
    }

    /** The request will not wait after all (async answer, or the write failed). */
    public void cancel() {
      future.cancel(false);
    }

    private synchronized void offer(ManagedServiceInstance msi, boolean gone) {
      if (future.isDone()) return;
      if (done == null) {
        if (gone) goneSeen = true;
        else lastSeen = msi;
        return;
      }
      if (done.test(gone ? null : msi)) future.complete(new Result(gone ? null : msi, false));
    }
  }
}
