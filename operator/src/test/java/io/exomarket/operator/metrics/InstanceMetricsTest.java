package io.exomarket.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.prometheus.client.CollectorRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gauges read from the instances at scrape time: per state, and reports waiting for a decision. */
class InstanceMetricsTest {
  private final CollectorRegistry registry = new CollectorRegistry(true);
  private final InstanceMetrics metrics = new InstanceMetrics(registry);
  private final List<ManagedServiceInstance> cache = new ArrayList<>();

  private static ManagedServiceInstance instance(InstanceState state, String pendingState) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    if (state == null) {
      return msi;
    }
    ManagedServiceInstanceStatus status = new ManagedServiceInstanceStatus();
    status.setState(state);
    if (pendingState != null) {
      UsageStatus usage = new UsageStatus();
      PendingUsageReport pending = new PendingUsageReport();
      pending.setState(pendingState);
      usage.setPending(pending);
      status.setUsage(usage);
    }
    msi.setStatus(status);
    return msi;
  }

  private double uncertain() {
    return registry.getSampleValue("exomarket_usage_reports_uncertain");
  }

  @Test
  void uncertainReportsAreAGaugeOfWaitingInstances() {
    // Before the informer exists (a standby): exported, at 0.
    assertThat(uncertain()).isZero();
    metrics.countFrom(cache::stream);
    cache.add(instance(null, null));
    cache.add(instance(InstanceState.Ready, null));
    cache.add(instance(InstanceState.Ready, PendingUsageReport.UNCERTAIN));
    cache.add(instance(InstanceState.Suspended, PendingUsageReport.UNCERTAIN));
    cache.add(instance(InstanceState.Ready, PendingUsageReport.NOT_DELIVERED));
    assertThat(uncertain()).isEqualTo(2.0);
    // Stays while they wait, whatever the time: no decay as with a rate over a counter.
    assertThat(uncertain()).isEqualTo(2.0);
    // Resolved (the reporter clears the pending report): back to 0.
    cache.get(2).getStatus().getUsage().setPending(null);
    cache.get(3).getStatus().getUsage().getPending().setState(PendingUsageReport.SENDING);
    assertThat(uncertain()).isZero();
    assertThat(
            registry.getSampleValue(
                "exomarket_instances", new String[] {"state"}, new String[] {"Ready"}))
        .isEqualTo(3.0);
  }
}
