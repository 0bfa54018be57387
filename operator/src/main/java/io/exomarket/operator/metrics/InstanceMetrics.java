package io.exomarket.operator.metrics;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Instance lifecycle metrics: instances per state and instances whose usage report waits for a
 * person's decision (both read from the cache at scrape), time to Ready.
 */
public final class InstanceMetrics {
  private final Histogram timeToReady;
  private volatile Supplier<Stream<ManagedServiceInstance>> instances = Stream::empty;

  public InstanceMetrics(CollectorRegistry registry) {
    timeToReady =
        Histogram.build(
                "exomarket_instance_time_to_ready_seconds",
                "Time from an instance's creation to its first Ready.")
            .buckets(1, 5, 10, 30, 60, 120, 300, 600, 1800)
            .register(registry);
    new Collector() {
      @Override
      public List<MetricFamilySamples> collect() {
        Map<InstanceState, Long> counts = new EnumMap<>(InstanceState.class);
        for (InstanceState state : InstanceState.values()) {
          counts.put(state, 0L);
        }
        long uncertain = 0;
        try (Stream<ManagedServiceInstance> all = instances.get()) {
          for (Iterator<ManagedServiceInstance> it = all.iterator(); it.hasNext(); ) {
            ManagedServiceInstance i = it.next();
            if (i.getStatus() == null) {
              continue;
            }
            if (i.getStatus().getState() != null) {
              counts.merge(i.getStatus().getState(), 1L, Long::sum);
            }
            if (uncertain(i)) {
              uncertain++;
            }
          }
        }
        GaugeMetricFamily family =
            new GaugeMetricFamily("exomarket_instances", "Instances per state.", List.of("state"));
        counts.forEach((state, n) -> family.addMetric(List.of(state.name()), n));
        // A gauge, not a counter: an Uncertain report stays until someone sets the resolution
        // annotation, and the alert must hold exactly that long (a rate over a counter clears by
        // itself).
        GaugeMetricFamily waiting =
            new GaugeMetricFamily(
                "exomarket_usage_reports_uncertain",
                "Instances whose last usage report has an unknown outcome and waits for the resolution annotation.",
                uncertain);
        return List.of(family, waiting);
      }
    }.register(registry);
  }

  private static boolean uncertain(ManagedServiceInstance i) {
    UsageStatus usage = i.getStatus().getUsage();
    return usage != null
        && usage.getPending() != null
        && PendingUsageReport.UNCERTAIN.equals(usage.getPending().getState());
  }

  /** Where to count instances from: the controller's informer cache once it exists. */
  public void countFrom(Supplier<Stream<ManagedServiceInstance>> source) {
    this.instances = source;
  }

  public void becameReady(Duration sinceCreation) {
    timeToReady.observe(Math.max(0, sinceCreation.toMillis()) / 1000.0);
  }
}
