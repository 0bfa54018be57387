package io.exomarket.broker;

import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.bindings.BindingRepository;
import io.exomarket.broker.bindings.BindingServices;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.http.BrokerHttp;
import io.exomarket.broker.http.BrokerMetrics;
import io.exomarket.broker.instances.InstanceRepository;
import io.exomarket.broker.instances.InstanceServices;
import io.exomarket.broker.instances.Offerings;
import io.exomarket.broker.instances.ResourceWaiter;
import io.exomarket.broker.instances.TenantNamespaces;
import io.exomarket.broker.osb.ParameterSchemaValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javalin.Javalin;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running adapter: informers on ServiceOfferings, MSIs and bindings, and the HTTP server. The
 * entry point for {@link BrokerMain}, tests, the sandbox and the e2e suite. It holds no state of
 * its own that matters (everything lives in the MSIs), so any number of replicas may serve side by
 * side.
 */
public final class BrokerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);

  private final BrokerConfig config;
  private final Offerings offerings;
  private final InstanceRepository repository;
  private final BindingRepository bindings;
  private final ResourceWaiter<ManagedServiceInstance> waiter;
  private final ResourceWaiter<ManagedServiceBinding> bindingWaiter;
  private final BrokerMetrics metrics;
  private final CompletableFuture<Void> caches;
  private final Javalin app;
  private volatile boolean closing;

  private BrokerServer(BrokerConfig config, KubernetesClient client) {
    this.config = config;
    this.waiter = new ResourceWaiter<>();
    this.bindingWaiter = new ResourceWaiter<>();
    this.offerings = new Offerings(client);
    this.repository = new InstanceRepository(client, waiter);
    this.bindings = new BindingRepository(client, bindingWaiter);
    // The informers list first: their requests run on the client's threads while this one builds
    // and starts the HTTP server (start-up 15% shorter than one after the other: bench/RESULTS.md).
    this.caches =
        CompletableFuture.allOf(
            offerings.start().toCompletableFuture(),
            repository.start().toCompletableFuture(),
            bindings.start().toCompletableFuture());
    this.metrics = new BrokerMetrics(() -> waiter.inProgress() + bindingWaiter.inProgress());
    int retryAfter = (int) Math.max(1, config.retryAfter().toSeconds());
    InstanceServices services =
        new InstanceServices(
            repository,
            offerings,
            new TenantNamespaces(client, config.namespacePrefix(), config.tenantGrants()),
            waiter,
            new ParameterSchemaValidator(),
            config.syncTimeout(),
            config.asyncGrace(),
            retryAfter,
            bindings::deleteAllOf);
    BindingServices bindingServices =
        new BindingServices(
            bindings,
            repository,
            offerings,
            bindingWaiter,
            config.syncTimeout(),
            config.asyncGrace(),
            retryAfter);
    try {
      this.app =
          BrokerHttp.create(config, services, bindingServices, metrics, this::synced, this::ready);
    } catch (RuntimeException e) {
      closeInformers(); // e.g. an unreadable TLS keystore: nothing may keep running
      throw e;
    }
  }

  /**
   * Starts the informers and the HTTP server, and returns once the caches are filled. Until then
   * the OSB routes answer 503 and {@code /readyz} too (an answer from an empty cache would be
   * wrong: an instance not yet seen); a start that cannot sync stops everything and fails.
   */
  public static BrokerServer start(KubernetesClient client, BrokerConfig config) {
    BrokerServer server = new BrokerServer(config, client);
    try {
      server.app.start();
      server.caches.get(config.informerSyncTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      server.close();
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      throw new IllegalStateException("the broker adapter could not start", e);
    }
    LOG.info("OSB adapter listening on {} ({})", server.url(), config);
    return server;
  }

  /** The informers' caches are filled: the OSB routes may answer. */
  public boolean synced() {
    return offerings.synced() && repository.synced() && bindings.synced();
  }

  /** Ready while the caches are synced and the server is not stopping. */
  public boolean ready() {
    return !closing && synced();
  }

  public int port() {
    return app.port();
  }

  public String url() {
    return (config.tls() ? "https" : "http") + "://" + hostForUrl() + ":" + port();
  }

  public BrokerMetrics metrics() {
    return metrics;
  }

  private String hostForUrl() {
    String host = config.host();
    return host == null || host.isEmpty() || host.equals("0.0.0.0") ? "localhost" : host;
  }

  /**
   * Graceful stop: readiness drops, open sync waits are answered now (their intents are durable),
   * Jetty stops accepting and lets requests in flight finish, then the informers stop.
   */
  @Override
  public void close() {
    if (closing) return;
    closing = true;
    waiter.releaseAll();
    bindingWaiter.releaseAll();
    try {
      app.stop();
    } finally {
      closeInformers();
    }
    LOG.info("OSB adapter stopped");
  }

  private void closeInformers() {
    repository.close();
    bindings.close();
    offerings.close();
  }
}
