package io.exomarket.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The 5xx ratio alert's series exist at 0 for every OSB route before the first request. */
class BrokerMetricsTest {
  @Test
  void errorAndRequestCountsStartAtZeroForEveryOsbRoute() throws Exception {
    BrokerMetrics metrics = new BrokerMetrics(() -> 0);
    assertThat(BrokerMetrics.OSB_ROUTES).hasSize(10); // 6 of instances, 4 of bindings
    for (List<String> route : BrokerMetrics.OSB_ROUTES) {
      String[] names = {"endpoint", "method"};
      String[] values = {route.get(0), route.get(1)};
      assertThat(metrics.registry().getSampleValue("osb_request_errors_total", names, values))
          .as(route.toString())
          .isZero();
      assertThat(
              metrics
                  .registry()
                  .getSampleValue("osb_request_duration_seconds_count", names, values))
          .as(route.toString())
          .isZero();
    }
    assertThat(metrics.scrape())
        .contains(
            "osb_request_errors_total{endpoint=\"/v2/service_instances/{instance_id}\",method=\"PUT\",} 0.0")
        .contains("jvm_memory_pool_bytes_used{pool=\"Metaspace\",}")
        .contains("jvm_buffer_pool_used_bytes{pool=\"direct\",}");
  }
}
