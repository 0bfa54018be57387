package io.exomarket.broker.http;

import io.exomarket.broker.bindings.Binder;
import io.exomarket.broker.bindings.BindingQueries;
import io.exomarket.broker.bindings.BindingServices;
import io.exomarket.broker.bindings.Unbinder;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.instances.Deprovisioner;
import io.exomarket.broker.instances.InstanceQueries;
import io.exomarket.broker.instances.InstanceServices;
import io.exomarket.broker.instances.Provisioner;
import io.exomarket.broker.instances.Updater;
import io.exomarket.broker.osb.ApiVersion;
import io.exomarket.broker.osb.OriginatingIdentity;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.Problem;
import io.exomarket.broker.osb.RequestMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Javalin application. Checks run in the OSB order on every {@code /v2} request: Basic auth
 * (401), then {@code X-Broker-API-Version} (412), then the caches (503 while the informers have not
 * synced), then the route's own validation (400). Health and metrics endpoints need no auth. Jetty
 * is wrapped in a {@link GracefulHandler} so that stopping lets requests in flight finish.
 */
public final class BrokerHttp {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerHttp.class);

  private BrokerHttp() {}

  public static Javalin create(
      BrokerConfig config,
      InstanceServices services,
      BindingServices bindings,
      BrokerMetrics metrics,
      BooleanSupplier synced,
      BooleanSupplier ready) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
    threads.setName("broker-http");
    threads.setDaemon(true);
    metrics.registerThreadPool(threads::getBusyThreads, threads::getThreads);
    OsbRoutes routes =
        new OsbRoutes(
            services.offerings(),
            new Provisioner(services),
            new Updater(services),
            new Deprovisioner(services),
            new InstanceQueries(services),
            new Binder(bindings),
            new Unbinder(bindings),
            new BindingQueries(bindings),
            new RequestBodies(config.maxBodyBytes()),
            threads);
    BasicAuthFilter auth = new BasicAuthFilter(config.credentials());

    return Javalin.create(
        cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.startup.showOldJavalinVersionWarning = false;
          cfg.startup.startupWatcherEnabled = false;
          cfg.jetty.threadPool = threads;
          // A backstop only: sync waits end by themselves before the platform's timeout.
          cfg.http.asyncTimeout = config.syncTimeout().plusSeconds(10).toMillis();
          cfg.jetty.modifyServer(
              server -> {
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(config.shutdownTimeout().toMillis());
              });
          if (config.tls()) {
            cfg.jetty.addConnector(
                (server, httpConfig) -> tlsConnector(server, httpConfig, config));
          } else {
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
          }
          cfg.requestLogger.http(
              (ctx, ms) -> {
                metrics.record(ctx, ms);
                // What arrived, for the audit trail: ids and outcome, never bodies or credentials.
                boolean mutation =
                    ctx.path().startsWith("/v2/") && !ctx.method().name().equals("GET");
                if (mutation ? LOG.isInfoEnabled() : LOG.isDebugEnabled()) {
                  String line = "{} {} -> {} in {} ms (request {}, originating {})";
                  Object[] args = {
                    ctx.method().name(),
                    ctx.path(),
                    ctx.statusCode(),
                    Math.round(ms),
                    ctx.header(RequestMeta.REQUEST_ID_HEADER),
                    platformOf(ctx.header(OriginatingIdentity.HEADER))
                  };
                  String requestId = ctx.header(RequestMeta.REQUEST_ID_HEADER);
                  try (var mdc =
                      requestId == null ? null : MDC.putCloseable(MDC_REQUEST_ID, requestId)) {
                    if (mutation) LOG.info(line, args);
                    else LOG.debug(line, args);
                  }
                }
              });

          cfg.routes.before(
              ctx -> {
                String requestId = ctx.header(RequestMeta.REQUEST_ID_HEADER);
                // Pooled threads: never let a previous request's id stick to this one's log lines.
                MDC.remove(MDC_REQUEST_ID);
                if (requestId != null) {
                  ctx.header(RequestMeta.REQUEST_ID_HEADER, requestId);
                  MDC.put(MDC_REQUEST_ID, requestId);
                }
              });
          cfg.routes.after(ctx -> MDC.remove(MDC_REQUEST_ID));
          cfg.routes.beforeMatched("/v2/*", auth);
          cfg.routes.beforeMatched("/v2/*", ctx -> ApiVersion.check(ctx.header(ApiVersion.HEADER)));
          cfg.routes.beforeMatched(
              "/v2/*",
              ctx -> {
                // The port opens while the informers still list (readiness keeps traffic away).
                if (!synced.getAsBoolean()) {
                  throw new OsbError(Problem.UNAVAILABLE, "the broker is starting; retry shortly");
                }
              });

          cfg.routes.get(OsbRoutes.CATALOG, routes::catalog);
          cfg.routes.put(OsbRoutes.INSTANCE, routes::provision);
          cfg.routes.patch(OsbRoutes.INSTANCE, routes::update);
          cfg.routes.delete(OsbRoutes.INSTANCE, routes::deprovision);
          cfg.routes.get(OsbRoutes.INSTANCE, routes::fetch);
          cfg.routes.get(OsbRoutes.LAST_OPERATION, routes::lastOperation);
          cfg.routes.put(OsbRoutes.BINDING, routes::bind);
          cfg.routes.delete(OsbRoutes.BINDING, routes::unbind);
          cfg.routes.get(OsbRoutes.BINDING, routes::fetchBinding);
          cfg.routes.get(OsbRoutes.BINDING_LAST_OPERATION, routes::bindingLastOperation);

          cfg.routes.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok")));
          cfg.routes.get(
              "/readyz",
              ctx -> {
                boolean ok = ready.getAsBoolean();
                ctx.status(ok ? 200 : 503)
                    .json(java.util.Map.of("status", ok ? "ready" : "not ready"));
              });
          cfg.routes.get(
              "/metrics",
              ctx ->
                  ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                      .result(metrics.scrape()));

          cfg.routes.exception(OsbError.class, (e, ctx) -> Replies.write(ctx, e));
          // Javalin's own refusals (e.g. an unsupported method) keep their status.
          cfg.routes.exception(
              HttpResponseException.class,
              (e, ctx) ->
                  Replies.write(
                      ctx,
                      Reply.of(e.getStatus(), java.util.Map.of("description", e.getMessage()))));
          cfg.routes.exception(
              KubernetesClientException.class, (e, ctx) -> Replies.write(ctx, kubernetesError(e)));
          cfg.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method().name(), ctx.path(), e);
                Replies.write(
                    ctx, new OsbError(Problem.INTERNAL, "internal error; see the broker's log"));
              });
        });
  }

  /** The OSB request id (X-Broker-API-Request-Identity) in the MDC of a request's log lines. */
  public static final String MDC_REQUEST_ID = "requestId";

  /**
   * Only the platform word of the originating identity is logged; its JSON goes to the audit
   * annotation.
   */
  private static String platformOf(String identity) {
    if (identity == null || identity.isBlank()) return "-";
    String platform = identity.trim().split(" ", 2)[0];
    return platform.length() > 32 ? platform.substring(0, 32) : platform;
  }

  /** The API server refused an object we had validated: a 400 if it calls it invalid, else ours. */
  private static OsbError kubernetesError(KubernetesClientException e) {
    if (e.getCode() == 422) {
      String reason = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
      return OsbError.badRequest("rejected by the Kubernetes API: " + reason);
    }
    LOG.warn("Kubernetes API call failed (HTTP {}): {}", e.getCode(), e.getMessage());
    return new OsbError(
        e.getCode() == 0 ? Problem.UNAVAILABLE : Problem.INTERNAL,
        "the Kubernetes API failed; retry later");
  }

  private static ServerConnector tlsConnector(
      org.eclipse.jetty.server.Server server, HttpConfiguration httpConfig, BrokerConfig config) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(config.tlsKeystore().toAbsolutePath().toString());
    if (config.tlsKeystorePassword() != null) ssl.setKeyStorePassword(config.tlsKeystorePassword());
    ssl.setKeyStoreType(config.tlsKeystoreType());
    HttpConfiguration https = new HttpConfiguration(httpConfig);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false); // platforms may call by IP or by a name not in the certificate
    https.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(config.host());
    connector.setPort(config.port());
    return connector;
  }
}
