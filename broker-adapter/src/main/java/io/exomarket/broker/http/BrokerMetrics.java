package io.exomarket.broker.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.MemoryPoolsExports;
import io.prometheus.client.hotspot.StandardExports;
import io.prometheus.client.hotspot.ThreadExports;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * OSB request metrics. Labelled by route template (never the raw path: instance ids would make the
 * series unbounded), method and status. One registry per server, so several servers can live in one
 * JVM (tests, the benchmark).
 */
public final class BrokerMetrics {
  private final CollectorRegistry registry = new CollectorRegistry(true);
  private final Counter requests =
      Counter.build("osb_requests_total", "OSB requests by route template, method and status.")
          .labelNames("endpoint", "method", "status")
          .register(registry);
  private final Histogram latency =
      Histogram.build("osb_request_duration_seconds", "OSB request latency, including sync waits.")
          .labelNames("endpoint", "method")
          .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60)
          .register(registry);

  public BrokerMetrics(IntSupplier syncWaitsInProgress) {
    new Collector() {
      @Override
      public List<MetricFamilySamples> collect() {
        return List.of(
            new GaugeMetricFamily(
                "osb_sync_waits_in_progress",
                "Synchronous requests waiting for the operator.",
                syncWaitsInProgress.getAsInt()));
      }
    }.register(registry);
    new StandardExports().register(registry);
    new MemoryPoolsExports().register(registry);
    new ThreadExports().register(registry);
  }

  /**
   * Jetty's worker threads: busy ones show whether waiting requests hold threads (they must not).
   */
  void registerThreadPool(IntSupplier busy, IntSupplier total) {
    new Collector() {
      @Override
      public List<MetricFamilySamples> collect() {
        return List.of(
            new GaugeMetricFamily(
                "osb_http_threads_busy", "HTTP worker threads running a task.", busy.getAsInt()),
            new GaugeMetricFamily("osb_http_threads", "HTTP worker threads.", total.getAsInt()));
      }
    }.register(registry);
  }

  /** Called once per request, after its response is complete (sync waits included). */
  void record(Context ctx, float millis) {
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    String endpoint = matched == null ? "unmatched" : matched.path;
    String method = ctx.method().name();
    requests.labels(endpoint, method, Integer.toString(ctx.statusCode())).inc();
    latency.labels(endpoint, method).observe(millis / 1000.0);
  }

  String scrape() throws IOException {
    StringWriter out = new StringWriter();
    TextFormat.write004(out, registry.metricFamilySamples());
    return out.toString();
  }

  public CollectorRegistry registry() {
    return registry;
  }
}
