package io.exomarket.operator.cache;

import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.stream.Stream;

/** An item store that hands every call to another; subclasses change what they need. */
abstract class ForwardingItemStore<T> implements ItemStore<T> {
  private final ItemStore<T> store;

  ForwardingItemStore(ItemStore<T> store) {
    this.store = store;
  }

  @Override
  public String getKey(T object) {
    return store.getKey(object);
  }

  @Override
  public T put(String key, T object) {
    return store.put(key, object);
  }

  @Override
  public T remove(String key) {
    return store.remove(key);
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
