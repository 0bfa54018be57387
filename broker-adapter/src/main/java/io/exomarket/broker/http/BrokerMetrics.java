package io.exomarket.broker.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.BufferPoolsExports;
import io.prometheus.client.hotspot.GarbageCollectorExports;
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
 *
 * <p>The 5xx alert reads {@code osb_request_errors_total} over {@code
 * osb_request_duration_seconds_count}, both restricted to the OSB routes and both born at 0 for
 * every OSB route. Why not {@code osb_requests_total{status=~"5.."}}: its series appears with the
 * first 5xx already at 1, and rate() needs an earlier sample, so at Exoscale's traffic (a few calls
 * a day) the first 5xx, often the only one, never showed; and its denominator counted probes and
 * scrapes (dozens a minute), which diluted a failed provision far below any ratio. A label value
 * known in advance (route, method) can be initialised; a status code cannot, hence a separate error
 * counter.
 */
public final class BrokerMetrics {
  /** The OSB routes BrokerHttp registers: (template, method). */
  static final List<List<String>> OSB_ROUTES =
      List.of(
          List.of(OsbRoutes.CATALOG, "GET"),
          List.of(OsbRoutes.INSTANCE, "PUT"),
          List.of(OsbRoutes.INSTANCE, "PATCH"),
          List.of(OsbRoutes.INSTANCE, "DELETE"),
          List.of(OsbRoutes.INSTANCE, "GET"),
          List.of(OsbRoutes.LAST_OPERATION, "GET"),
          List.of(OsbRoutes.BINDING, "PUT"),
          List.of(OsbRoutes.BINDING, "DELETE"),
          List.of(OsbRoutes.BINDING, "GET"),
          List.of(OsbRoutes.BINDING_LAST_OPERATION, "GET"));

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

  private final Counter errors =
      Counter.build(
              "osb_request_errors_total",
              "OSB requests answered 5xx, by route template and method.")
          .labelNames("endpoint", "method")
          .register(registry);

  public BrokerMetrics(IntSupplier syncWaitsInProgress) {
    // Sync waits of instances and bindings alike.
    for (List<String> route : OSB_ROUTES) {
      errors.labels(route.get(0), route.get(1));
      latency.labels(route.get(0), route.get(1));
    }
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
    new BufferPoolsExports().register(registry);
    new GarbageCollectorExports().register(registry);
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
    // OSB routes only: /readyz answers 503 on purpose while stopping.
    if (ctx.statusCode() >= 500 && endpoint.startsWith("/v2/")) {
      errors.labels(endpoint, method).inc();
    }
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
