package io.exomarket.operator;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.binding.BindingReconciler;
import io.exomarket.operator.cache.SerializedItemStore;
import io.exomarket.operator.cache.TalliedItemStore;
import io.exomarket.operator.cache.TrimmedItemStore;
import io.exomarket.operator.catalog.WorkloadGraphs;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.ReconcilePacing;
import io.exomarket.operator.deletion.DeletionHook;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.http.OperatorHttpServer;
import io.exomarket.operator.lifecycle.StopGate;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.MeteringClientConfig;
import io.exomarket.operator.metering.client.MeteringClientFactory;
import io.exomarket.operator.metrics.InstanceMetrics;
import io.exomarket.operator.metrics.OperatorMetrics;
import io.exomarket.operator.offering.KindCheck;
import io.exomarket.operator.offering.OfferingReconciler;
import io.exomarket.operator.quota.TenantQuotaReconciler;
import io.exomarket.operator.retention.RetentionMetrics;
import io.exomarket.operator.retention.RetentionPurger;
import io.exomarket.operator.workload.WorkloadInformers;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.prometheus.client.CollectorRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as one object: java-operator-sdk with the offering, instance, binding and
 * tenant-quota controllers registered, plus the health and metrics endpoint. Used by {@link
 * OperatorMain}, the sandbox and the tests alike, so that tests run the production wiring.
 */
public final class ExomarketOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExomarketOperator.class);

  private final Operator operator;
  private final OperatorHttpServer http;
  private final CollectorRegistry registry;

  private final AtomicBoolean closing;

  private final StopGate gate;
  private final Duration gracefulShutdown;
  private final RetentionPurger purger;
  private final WorkloadInformers informers;

  private ExomarketOperator(
      Operator operator,
      OperatorHttpServer http,
      CollectorRegistry registry,
      AtomicBoolean closing,
      StopGate gate,
      Duration gracefulShutdown,
      RetentionPurger purger,
      WorkloadInformers informers) {
    this.purger = purger;
    this.informers = informers;
    this.operator = operator;
    this.http = http;
    this.registry = registry;
    this.closing = closing;
    this.gate = gate;
    this.gracefulShutdown = gracefulShutdown;
  }

  public static ExomarketOperator start(KubernetesClient client, OperatorConfig config) {
    return start(client, config, List.of());
  }

  public static ExomarketOperator start(
      KubernetesClient client, OperatorConfig config, List<DeletionHook> deletionHooks) {
    return start(client, config, deletionHooks, MeteringClientFactory::create);
  }

  /**
   * @param meteringClients builds the metering client (tests wrap it to inject crashes)
   */
  public static ExomarketOperator start(
      KubernetesClient client,
      OperatorConfig config,
      List<DeletionHook> deletionHooks,
      Function<MeteringClientConfig, MeteringClient> meteringClients) {
    CollectorRegistry registry = new CollectorRegistry(true);
    AtomicBoolean closing = new AtomicBoolean();
    // Without leader election every replica leads; with it, only once the lease is won.
    AtomicBoolean leading = new AtomicBoolean(config.leaderElectionNamespace().isEmpty());
    OperatorMetrics operatorMetrics = new OperatorMetrics(registry);
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withMetrics(operatorMetrics)
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withReconciliationTerminationTimeout(config.gracefulShutdown())
                  .withCacheSyncTimeout(config.informerSyncTimeout())
                  // One patch strategy everywhere: no server-side apply. Status is replaced with
                  // optimistic locking, finalizers are JSON-patched, dependents are updated (PUT).
                  // This works the same on a real API server and on the fabric8 mock (415 on SSA).
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false);
              config
                  .leaderElectionNamespace()
                  .ifPresent(
                      ns ->
                          o.withLeaderElectionConfiguration(leaderElection(ns, closing, leading)));
            });
    WorkloadGraphs graphs = new WorkloadGraphs();
    WorkloadInformers informers = new WorkloadInformers(client);
    StopGate gate = new StopGate();
    operator.register(new OfferingReconciler(graphs, new KindCheck(client), config.clock()));
    InstanceMetrics instanceMetrics = new InstanceMetrics(registry);
    operator.register(
        InstanceControllerFactory.create(
            client,
            config,
            registry,
            graphs,
            gate,
            deletionHooks,
            informers,
            instanceMetrics,
            operatorMetrics,
            meteringClients),
        overrider -> {
          if (config.namespaces().isEmpty()) {
            overrider.watchingAllNamespaces();
          } else {
            overrider.settingNamespaces(config.namespaces());
          }
          if (config.labelSelector() != null) {
            overrider.withLabelSelector(config.labelSelector());
          }
          // The instances grow with the fleet: cached as JSON (SerializedItemStore), counted per
          // state as they are stored (a scrape parses none of them).
          overrider.withItemStore(
              new TalliedItemStore<>(
                  SerializedItemStore.of(ManagedServiceInstance.class), instanceMetrics));
          overrider.withInformerListLimit(SerializedItemStore.LIST_PAGE);
          paced(overrider, config.pacing());
        });
    operator.register(
        new BindingReconciler(config.clock(), client, new EventRecorder(client, config.clock())),
        overrider -> {
          if (config.namespaces().isEmpty()) overrider.watchingAllNamespaces();
          else overrider.settingNamespaces(config.namespaces());
          overrider.withItemStore(TrimmedItemStore.withoutManagedFields());
          paced(overrider, config.pacing());
        });
    operator.register(
        new TenantQuotaReconciler(config.namespaces(), config.tenantGrant()),
        overrider -> {
          if (!config.namespaces().isEmpty()) {
            overrider.withGenericFilter(
                ns -> config.namespaces().contains(ns.getMetadata().getName()));
          }
          // Every namespace of the cluster is cached here: only metadata is read.
          overrider.withItemStore(
              new TrimmedItemStore<Namespace>(
                  ns -> {
                    ns.setSpec(null);
                    ns.setStatus(null);
                    return ns;
                  }));
        });
    OperatorHttpServer http =
        config.httpPort() < 0
            ? null
            : OperatorHttpServer.start(config.httpPort(), registry, operator, leading::get);
    RetentionMetrics retentionMetrics = new RetentionMetrics(registry);
    try {
      operator.start();
    } catch (RuntimeException e) {
      // A start that fails (an informer not synced within INFORMER_SYNC_TIMEOUT_SECONDS, say)
      // stops what it started, so that no thread keeps the process alive: it exits and Kubernetes
      // restarts it.
      stopQuietly(operator::stop);
      stopQuietly(informers::close);
      if (http != null) {
        stopQuietly(http::close);
      }
      throw e;
    }
    RetentionPurger purger =
        new RetentionPurger(
                client,
                config.clock(),
                () ->
                    informers.kinds().stream()
                        .map(k -> new RetentionPurger.Kind(k.apiVersion(), k.kind()))
                        .collect(Collectors.toSet()),
                new EventRecorder(client, config.clock()),
                retentionMetrics,
                leading::get)
            .start(config.retentionPurgeInterval());
    LOG.info(
        "operator started: watching {}, leader election {}",
        config.namespaces().isEmpty() ? "all namespaces" : config.namespaces(),
        config.leaderElectionNamespace().map(ns -> "on (" + ns + ")").orElse("off"));
    return new ExomarketOperator(
        operator, http, registry, closing, gate, config.gracefulShutdown(), purger, informers);
  }

  /** The resync (maximal reconciliation interval) and the per-object rate limit. */
  private static void paced(ControllerConfigurationOverrider<?> overrider, ReconcilePacing pacing) {
    overrider.withReconciliationMaxInterval(pacing.resyncInterval());
    overrider.withRateLimiter(
        pacing.limited()
            ? new LinearRateLimiter(pacing.ratePeriod(), pacing.rateLimit())
            : LinearRateLimiter.deactivatedRateLimiter());
  }

  /**
   * Leader election on a Lease. Losing the lease while running stops the process at once (the pod
   * restarts as a follower), so two replicas never reconcile side by side. Releasing it on a
   * graceful stop must not: java-operator-sdk's own exit-on-stop would call System.exit from inside
   * the shutdown hook, which blocks the JVM for good.
   */
  private static LeaderElectionConfiguration leaderElection(
      String namespace, AtomicBoolean closing, AtomicBoolean leading) {
    LeaderCallbacks callbacks =
        new LeaderCallbacks(
            () -> {
              leading.set(true);
              LOG.info("became the leader");
            },
            () -> {
              leading.set(false);
              if (!closing.get()) {
                LOG.error("lost the leader lease: exiting so that only one replica reconciles");
                Runtime.getRuntime().halt(1);
              }
            },
            leader -> LOG.info("leader is {}", leader));
    return new LeaderElectionConfiguration(
        OperatorConfig.LEASE_NAME,
        namespace,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        null,
        callbacks,
        false);
  }

  private static void stopQuietly(Runnable stop) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      LOG.warn("while stopping after a failed start: {}", e.toString());
    }
  }

  public CollectorRegistry registry() {
    return registry;
  }

  public boolean isHealthy() {
    return operator.getRuntimeInfo().isStarted()
        && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Port of the health and metrics endpoint, or -1 without one. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  /** Stops once; a second call does nothing. */
  @Override
  public void close() {
    if (closing.getAndSet(true)) {
      return;
    }
    // First no new reconcile, and those in flight end while the caches they read still stand.
    if (!gate.closeAndDrain(gracefulShutdown)) {
      LOG.warn("reconciliations still running after {}; stopping anyway", gracefulShutdown);
    }
    purger.close();
    operator.stop();
    informers.close();
    if (http != null) {
      http.close();
    }
  }
}
