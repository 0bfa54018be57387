package io.exomarket.operator.cache;

import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.stream.Stream;

/**
 * An informer's store that tells a {@link Tally} of every object it stores and removes, so that
 * counts over the cache are kept as the events arrive instead of recomputed from every cached
 * object (each parsed again from its JSON) at each metrics scrape.
 */
public final class TalliedItemStore<T> implements ItemStore<T> {
  /** Told of every change of the store, by the informer's single writer. */
  public interface Tally<T> {
    void stored(String key, T object);

    void removed(String key);
  }

  private final ItemStore<T> store;
  private final Tally<T> tally;

  public TalliedItemStore(ItemStore<T> store, Tally<T> tally) {
    this.store = store;
    this.tally = tally;
  }

  @Override
  public String getKey(T object) {
    return store.getKey(object);
  }

  @Override
  public T put(String key, T object) {
    T previous = store.put(key, object);
    System.out.println("DEBUG put " + key + " " + Thread.currentThread().getName());
    tally.stored(key, object);
    return previous;
  }

  @Override
  public T remove(String key) {
    T removed = store.remove(key);
    System.out.println("DEBUG removed " + key + " " + Thread.currentThread().getName());
    tally.removed(key);
    return removed;
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<T> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public T get(String key) {
    return store.get(key);
  }

  @Override
  public boolean isFullState() {
    return store.isFullState();
  }
}
