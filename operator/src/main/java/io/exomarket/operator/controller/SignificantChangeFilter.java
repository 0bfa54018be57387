package io.exomarket.operator.controller;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Reconciles on spec changes and on the metadata that drives behaviour (annotations such as pause,
 * deletion, finalizers, labels), but not on status-only updates, most of which the operator wrote
 * itself.
 */
public class SignificantChangeFilter implements OnUpdateFilter<ManagedServiceInstance> {
  @Override
  public boolean accept(ManagedServiceInstance updated, ManagedServiceInstance old) {
    var n = updated.getMetadata();
    var o = old.getMetadata();
    return !Objects.equals(n.getGeneration(), o.getGeneration())
        || !Objects.equals(n.getAnnotations(), o.getAnnotations())
        || !Objects.equals(n.getLabels(), o.getLabels())
        || !Objects.equals(n.getDeletionTimestamp(), o.getDeletionTimestamp())
        || !Objects.equals(n.getFinalizers(), o.getFinalizers());
  }
}
