package io.exomarket.operator.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An informer cache that keeps only what its readers use: {@code managedFields} always (the
 * operator never reads them, and they are often the largest part of an object), plus whatever the
 * given trimmer drops. Memory grows with the fleet, so every byte per cached object counts.
 */
public final class TrimmedItemStore<T extends HasMetadata> implements ItemStore<T> {
  private final BasicItemStore<T> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
  private final UnaryOperator<T> trimmer;

  public TrimmedItemStore(UnaryOperator<T> trimmer) {
    this.trimmer = trimmer;
  }

  /** Drops managedFields only. */
  public static <T extends HasMetadata> TrimmedItemStore<T> withoutManagedFields() {
    return new TrimmedItemStore<>(UnaryOperator.identity());
  }

  @Override
  public String getKey(T object) {
    return store.getKey(object);
  }

  @Override
  public T put(String key, T object) {
    object.getMetadata().setManagedFields(null);
    return store.put(key, trimmer.apply(object));
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
}
