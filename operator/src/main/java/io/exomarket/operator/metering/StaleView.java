package io.exomarket.operator.metering;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.status.StatusRecorder;
import java.util.Objects;

/** Whether the version a reconcile works on is still the stored one (one read, for rare cases). */
final class StaleView {
  private StaleView() {}

  static boolean isCurrent(StatusRecorder recorder) {
    ManagedServiceInstance seen = recorder.current();
    ManagedServiceInstance stored = recorder.context().getClient().resource(seen).get();
    return stored != null
        && Objects.equals(
            stored.getMetadata().getResourceVersion(), seen.getMetadata().getResourceVersion());
  }
}
