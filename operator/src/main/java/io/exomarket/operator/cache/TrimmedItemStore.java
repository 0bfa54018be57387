package io.exomarket.operator.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.UnaryOperator;

/**
 * An informer cache that keeps only what its readers use: {@code managedFields} always (the
 * operator never reads them, and they are often the largest part of an object), plus whatever the
 * given trimmer drops. Memory grows with the fleet, so every byte per cached object counts.
 */
public final class TrimmedItemStore<T extends HasMetadata> extends ForwardingItemStore<T> {
  private final UnaryOperator<T> trimmer;

  public TrimmedItemStore(UnaryOperator<T> trimmer) {
    super(new BasicItemStore<>(Cache::metaNamespaceKeyFunc));
    this.trimmer = trimmer;
  }

  /** Drops managedFields only. */
  public static <T extends HasMetadata> TrimmedItemStore<T> withoutManagedFields() {
    return new TrimmedItemStore<>(UnaryOperator.identity());
  }

  @Override
  public T put(String key, T object) {
    object.getMetadata().setManagedFields(null);
    return super.put(key, trimmer.apply(object));
  }
}
