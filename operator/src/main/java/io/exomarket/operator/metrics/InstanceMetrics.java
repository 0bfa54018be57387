package io.exomarket.operator.metrics;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.cache.TalliedItemStore;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Instance lifecycle metrics: instances per state and instances whose usage report waits for a
 * person's decision, counted as the instance controller's cache changes (it is their {@link
 * TalliedItemStore.Tally}: a scrape reads counters, whatever the fleet's size), and time to Ready.
 */
public final class InstanceMetrics implements TalliedItemStore.Tally<ManagedServiceInstance> {
  /** What one cached instance adds to the counts. */
  private record Counted(InstanceState state, boolean uncertain) {
    static final Counted NOTHING = new Counted(null, false);
  }

  private final Histogram timeToReady;
  private final Map<String, Counted> counted = new ConcurrentHashMap<>();
  private final Map<InstanceState, AtomicLong> perState = new EnumMap<>(InstanceState.class);
  private final AtomicLong uncertain = new AtomicLong();

  public InstanceMetrics(CollectorRegistry registry) {
    for (InstanceState state : InstanceState.values()) {
      perState.put(state, new AtomicLong());
    }
    timeToReady =
        Histogram.build(
                "exomarket_instance_time_to_ready_seconds",
                "Time from an instance's creation to its first Ready.")
            .buckets(1, 5, 10, 30, 60, 120, 300, 600, 1800)
            .register(registry);
    new Collector() {
      @Override
      public List<MetricFamilySamples> collect() {
        GaugeMetricFamily family =
            new GaugeMetricFamily("exomarket_instances", "Instances per state.", List.of("state"));
        perState.forEach((state, n) -> family.addMetric(List.of(state.name()), n.get()));
        // A gauge, not a counter: an Uncertain report stays until someone sets the resolution
        // annotation, and the alert must hold exactly that long (a rate over a counter clears by
        // itself).
        GaugeMetricFamily waiting =
            new GaugeMetricFamily(
                "exomarket_usage_reports_uncertain",
                "Instances whose last usage report has an unknown outcome and waits for the resolution annotation.",
                uncertain.get());
        return List.of(family, waiting);
      }
    }.register(registry);
  }

  @Override
  public void stored(String key, ManagedServiceInstance instance) {
    Counted now = countedOf(instance);
    counted.compute(
        key,
        (k, before) -> {
          add(before, -1);
          add(now, 1);
          return now;
        });
  }

  @Override
  public void removed(String key) {
    counted.computeIfPresent(
        key,
        (k, before) -> {
          add(before, -1);
          return null;
        });
  }

  private void add(Counted c, long delta) {
    if (c == null) return;
    if (c.state() != null) perState.get(c.state()).addAndGet(delta);
    if (c.uncertain()) uncertain.addAndGet(delta);
  }

  private static Counted countedOf(ManagedServiceInstance i) {
    if (i.getStatus() == null) return Counted.NOTHING;
    UsageStatus usage = i.getStatus().getUsage();
    boolean uncertain =
        usage != null
            && usage.getPending() != null
            && PendingUsageReport.UNCERTAIN.equals(usage.getPending().getState());
    return new Counted(i.getStatus().getState(), uncertain);
  }

  public void becameReady(Duration sinceCreation) {
    timeToReady.observe(Math.max(0, sinceCreation.toMillis()) / 1000.0);
  }
}
