package io.exomarket.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import java.util.Map;

/**
 * java-operator-sdk's metrics hook, exported with the Prometheus simple client. Labels are per
 * controller, never per object, so cardinality stays bounded.
 */
public final class OperatorMetrics implements Metrics {
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
    return name == null ? "managedserviceinstance" : name.toString();
  }
}
