package io.exomarket.operator.http;

import io.javalin.Javalin;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.util.function.BooleanSupplier;

/**
 * /metrics (Prometheus text), /healthz (the process runs) and /readyz: the leader is ready once its
 * informers are healthy; a standby replica (which starts no informers until it leads) is ready as
 * it is, so that a rolling update is not held up by the replica that waits for the lease.
 */
public final class OperatorHttpServer implements AutoCloseable {
  private final Javalin app;

  private OperatorHttpServer(Javalin app) {
    this.app = app;
  }

  public static OperatorHttpServer start(
      int port, CollectorRegistry registry, Operator operator, BooleanSupplier leading) {
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.get("/healthz", ctx -> ctx.result("ok"));
              config.routes.get(
                  "/readyz",
                  ctx -> {
                    var info = operator.getRuntimeInfo();
                    boolean ready =
                        info.isStarted()
                            && (!leading.getAsBoolean() || info.allEventSourcesAreHealthy());
                    ctx.status(ready ? 200 : 503).result(ready ? "ok" : "not ready");
                  });
              config.routes.get(
                  "/metrics",
                  ctx -> {
                    ctx.contentType(TextFormat.CONTENT_TYPE_004);
                    ctx.result(scrape(registry));
                  });
            });
    app.start("0.0.0.0", port);
    return new OperatorHttpServer(app);
  }

  private static String scrape(CollectorRegistry registry) throws IOException {
    StringWriter out = new StringWriter();
    TextFormat.write004(out, registry.metricFamilySamples());
    return out.toString();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
