package io.exomarket.operator.cache;

import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * An informer's store that tells a {@link Tally} of every object it stores and removes, so that
 * counts over the cache are kept as the events arrive instead of recomputed from every cached
 * object (each parsed again from its JSON) at each metrics scrape.
 */
public final class TalliedItemStore<T> extends ForwardingItemStore<T> {
  /** Told of every change of the store, by the informer's single writer. */
  public interface Tally<T> {
    void stored(String key, T object);

    void removed(String key);
  }

  private final Tally<T> tally;

  public TalliedItemStore(ItemStore<T> store, Tally<T> tally) {
    super(store);
    this.tally = tally;
  }

  @Override
  public T put(String key, T object) {
    T previous = super.put(key, object);
    tally.stored(key, object);
    return previous;
  }

  @Override
  public T remove(String key) {
    T removed = super.remove(key);
    tally.removed(key);
    return removed;
  }
}
