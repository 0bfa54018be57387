package io.exomarket.operator.metrics;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Instance lifecycle metrics: instances per state (read from the cache at scrape), time to Ready.
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
        instances
            .get()
            .filter(i -> i.getStatus() != null && i.getStatus().getState() != null)
            .forEach(i -> counts.merge(i.getStatus().getState(), 1L, Long::sum));
        GaugeMetricFamily family =
            new GaugeMetricFamily("exomarket_instances", "Instances per state.", List.of("state"));
        counts.forEach((state, n) -> family.addMetric(List.of(state.name()), n));
        return List.of(family);
      }
    }.register(registry);
  }

  /** Where to count instances from: the controller's informer cache once it exists. */
  public void countFrom(Supplier<Stream<ManagedServiceInstance>> source) {
    this.instances = source;
  }

  public void becameReady(Duration sinceCreation) {
    timeToReady.observe(Math.max(0, sinceCreation.toMillis()) / 1000.0);
  }
}
