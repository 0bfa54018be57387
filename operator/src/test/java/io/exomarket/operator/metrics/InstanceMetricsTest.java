package io.exomarket.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.cache.SerializedItemStore;
import io.exomarket.operator.cache.TalliedItemStore;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

/**
 * Gauges counted as the instance controller's cache changes: per state, and reports waiting for a
 * decision. Driven through the store the informer writes to, as in the operator.
 */
class InstanceMetricsTest {
  private final CollectorRegistry registry = new CollectorRegistry(true);
  private final InstanceMetrics metrics = new InstanceMetrics(registry);
  private final TalliedItemStore<ManagedServiceInstance> cache =
      new TalliedItemStore<>(SerializedItemStore.of(ManagedServiceInstance.class), metrics);

  private static ManagedServiceInstance instance(
      String name, InstanceState state, String pendingState) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    msi.setMetadata(new ObjectMetaBuilder().withNamespace("t").withName(name).build());
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

  private void store(ManagedServiceInstance msi) {
    cache.put(cache.getKey(msi), msi);
  }

  private double uncertain() {
    return registry.getSampleValue("exomarket_usage_reports_uncertain");
  }

  private double inState(InstanceState state) {
    return registry.getSampleValue(
        "exomarket_instances", new String[] {"state"}, new String[] {state.name()});
  }

  @Test
  void uncertainReportsAreAGaugeOfWaitingInstances() {
    // Before the informer exists (a standby): exported, at 0.
    assertThat(uncertain()).isZero();
    assertThat(inState(InstanceState.Ready)).isZero();
    store(instance("a", null, null));
    store(instance("b", InstanceState.Ready, null));
    store(instance("c", InstanceState.Ready, PendingUsageReport.UNCERTAIN));
    store(instance("d", InstanceState.Suspended, PendingUsageReport.UNCERTAIN));
    store(instance("e", InstanceState.Ready, PendingUsageReport.NOT_DELIVERED));
    assertThat(uncertain()).isEqualTo(2.0);
    // Stays while they wait, whatever the time: no decay as with a rate over a counter.
    assertThat(uncertain()).isEqualTo(2.0);
    // Resolved (the reporter clears the pending report, or the attempt is retried): back to 0.
    store(instance("c", InstanceState.Ready, null));
    store(instance("d", InstanceState.Suspended, PendingUsageReport.SENDING));
    assertThat(uncertain()).isZero();
    assertThat(inState(InstanceState.Ready)).isEqualTo(3.0);
    assertThat(inState(InstanceState.Suspended)).isEqualTo(1.0);
  }

  @Test
  void eachInstanceCountsOnceInItsLatestStateUntilItIsRemoved() {
    store(instance("a", InstanceState.Provisioning, null));
    store(instance("a", InstanceState.Ready, null));
    store(instance("a", InstanceState.Ready, null)); // a resync: the same state again
    store(instance("b", InstanceState.Ready, PendingUsageReport.UNCERTAIN));
    assertThat(inState(InstanceState.Provisioning)).isZero();
    assertThat(inState(InstanceState.Ready)).isEqualTo(2.0);

    cache.remove("t/b");
    cache.remove("t/gone"); // never stored: nothing to take back
    assertThat(inState(InstanceState.Ready)).isEqualTo(1.0);
    assertThat(uncertain()).isZero();
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get("t/a").getStatus().getState()).isEqualTo(InstanceState.Ready);
  }
}
