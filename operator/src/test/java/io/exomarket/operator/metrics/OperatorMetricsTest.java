package io.exomarket.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
  @Test
  void jvmMetricsAndReconcileCountersAtZero() {
    CollectorRegistry registry = new CollectorRegistry(true);
    new OperatorMetrics(registry);
    String[] controller = {"controller"};
    String[] name = {OperatorMetrics.CONTROLLER};
    assertThat(registry.getSampleValue("exomarket_reconciliations_total", controller, name))
        .isZero();
    assertThat(registry.getSampleValue("exomarket_reconciliations_failed_total", controller, name))
        .isZero();
    // What the memory limits are sized from (deploy/README.md): heap, non-heap, pools, threads,
    // buffers.
    assertThat(
            registry.getSampleValue(
                "jvm_memory_bytes_used", new String[] {"area"}, new String[] {"nonheap"}))
        .isPositive();
    assertThat(
            registry.getSampleValue(
                "jvm_memory_pool_bytes_used", new String[] {"pool"}, new String[] {"Metaspace"}))
        .isPositive();
    assertThat(registry.getSampleValue("jvm_threads_current")).isPositive();
    assertThat(
            registry.getSampleValue(
                "jvm_buffer_pool_used_bytes", new String[] {"pool"}, new String[] {"direct"}))
        .isNotNull();
    assertThat(registry.getSampleValue("process_cpu_seconds_total")).isNotNull();
  }
}
