package io.exomarket.operator.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.operator.delivery.DeliveryMetrics;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

/** Counters the alerts select on exist at 0 from the start, so the first increment is a change. */
class UsageMetricsTest {
  @Test
  void everyReportResultStartsAtZero() {
    CollectorRegistry registry = new CollectorRegistry(true);
    new UsageMetrics(registry);
    for (String result : new String[] {"accepted", "not_delivered", "rejected", "ambiguous"}) {
      assertThat(
              registry.getSampleValue(
                  "exomarket_usage_reports_total", new String[] {"result"}, new String[] {result}))
          .as(result)
          .isZero();
    }
    assertThat(registry.getSampleValue("exomarket_usage_uncertain_total")).isZero();
    assertThat(registry.getSampleValue("exomarket_usage_deletion_give_up_total")).isZero();
  }

  @Test
  void everyDeliveryResultStartsAtZero() {
    CollectorRegistry registry = new CollectorRegistry(true);
    new DeliveryMetrics(registry);
    for (String result : new String[] {"delivered", "not_delivered", "ambiguous"}) {
      assertThat(
              registry.getSampleValue(
                  "exomarket_delivery_notes_total", new String[] {"result"}, new String[] {result}))
          .as(result)
          .isZero();
    }
  }
}
