package io.exomarket.operator.metering;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;

/** Metering metrics in the operator's registry. Gauges are per instance (namespace/name). */
public final class UsageMetrics {
  /** Every result UsageReporter counts; the alerts select on them (deploy/monitoring). */
  static final String[] RESULTS = {"accepted", "not_delivered", "rejected", "ambiguous"};

  final Counter reports;
  final Counter quantity;
  final Counter uncertain;
  final Counter givenUp;
  final Gauge lag;
  final Gauge pendingWindows;

  public UsageMetrics(CollectorRegistry registry) {
    reports =
        Counter.build("exomarket_usage_reports_total", "Usage report attempts by result.")
            .labelNames("result")
            .register(registry);
    // Born at 0: a series that first appears at 1 has no earlier sample, so increase()/rate() miss
    // the first rejection after a start.
    for (String result : RESULTS) {
      reports.labels(result);
    }
    quantity =
        Counter.build("exomarket_usage_quantity_reported_total", "Quantities accepted by Exoscale.")
            .labelNames("variable")
            .register(registry);
    uncertain =
        Counter.build(
                "exomarket_usage_uncertain_total",
                "Reports whose outcome is unknown and wait for the resolution annotation.")
            .register(registry);
    givenUp =
        Counter.build(
                "exomarket_usage_deletion_give_up_total",
                "Deleted instances whose final report could not be made within the limit.")
            .register(registry);
    lag =
        Gauge.build(
                "exomarket_usage_report_lag_seconds",
                "Now minus the end of the oldest unreported closed window.")
            .labelNames("msi")
            .register(registry);
    pendingWindows =
        Gauge.build("exomarket_usage_pending_windows", "Closed windows not yet reported.")
            .labelNames("msi")
            .register(registry);
  }

  void forget(String instance) {
    lag.remove(instance);
    pendingWindows.remove(instance);
  }
}
