package io.exomarket.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.prometheus.client.hotspot.BufferPoolsExports;
import io.prometheus.client.hotspot.GarbageCollectorExports;
import io.prometheus.client.hotspot.MemoryPoolsExports;
import io.prometheus.client.hotspot.StandardExports;
import io.prometheus.client.hotspot.ThreadExports;
import java.util.Map;

/**
 * java-operator-sdk's metrics hook, exported with the Prometheus simple client. Labels are per
 * controller, never per object, so cardinality stays bounded. Also the JVM's own metrics, on every
 * replica (a standby waiting for the lease exports only those).
 */
public final class OperatorMetrics implements Metrics {
  /** The controller name java-operator-sdk derives for InstanceReconciler (the only controller). */
  static final String CONTROLLER = "managedserviceinstance";

  private final Counter reconciliations;
  private final Counter failures;
  private final Histogram duration;

  public OperatorMetrics(CollectorRegistry registry) {
    reconciliations =
        Counter.build("exomarket_reconciliations_total", "Reconciliations started.")
            .labelNames("controller")
            .register(registry);
    failures =
        Counter.build("exomarket_reconciliations_failed_total", "Reconciliations that threw.")
            .labelNames("controller")
            .register(registry);
    duration =
        Histogram.build(
                "exomarket_reconciliation_duration_seconds", "Time spent in a reconciliation.")
            .labelNames("controller", "name")
            .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    // Born at 0 so that rate() in the alerts counts the first failure after a start.
    reconciliations.labels(CONTROLLER);
    failures.labels(CONTROLLER);
    // Heap, non-heap and per-pool memory, threads, GC, direct buffers: what the memory limits in
    // deploy/base/*-deployment.yaml are sized from.
    new StandardExports().register(registry);
    new MemoryPoolsExports().register(registry);
    new BufferPoolsExports().register(registry);
    new GarbageCollectorExports().register(registry);
    new ThreadExports().register(registry);
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    reconciliations.labels(controller(metadata)).inc();
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    failures.labels(controller(metadata)).inc();
  }

  /** A deletion pass that threw: the instance controller catches it to retry without end. */
  public void deletionFailed() {
    failures.labels(CONTROLLER).inc();
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    Histogram.Timer timer =
        duration.labels(execution.controllerName(), execution.name()).startTimer();
    try {
      return execution.execute();
    } finally {
      timer.observeDuration();
    }
  }

  private static String controller(Map<String, Object> metadata) {
    Object name = metadata == null ? null : metadata.get(Constants.CONTROLLER_NAME);
    return name == null ? CONTROLLER : name.toString();
  }
}
