package io.exomarket.operator.config;

import io.exomarket.api.tenant.TenantGrant;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the operator runs. {@link #fromEnvironment} reads the deployment's environment; tests build
 * one with {@link #defaults()} and the withers.
 *
 * @param namespaces the namespace to watch; empty = all. Not several: java-operator-sdk 5 runs one
 *     informer per namespace and gives them all the cache store configured for the kind, and each
 *     namespace's list would drop from it what the others' brought (the operator's caches are such
 *     stores: {@code SerializedItemStore}, {@code TrimmedItemStore})
 * @param labelSelector only instances with these labels; null = all
 * @param leaderElectionNamespace the Lease's namespace; empty = no leader election
 * @param httpPort port of /metrics, /healthz, /readyz; 0 = ephemeral, negative = no server
 * @param reconcileThreads concurrent reconciliations
 * @param pacing how often one instance or binding is reconciled, at least (the resync) and at most
 * @param informerSyncTimeout how long a start waits for each informer's first list before it fails
 *     (the process exits, and Kubernetes restarts it)
 * @param usage metering (usage reporting to Exoscale); disabled without an endpoint
 * @param delivery delivery notes to the vendor's webhook; disabled without a URL
 * @param retentionPurgeInterval how often retained volumes and objects past their purge-after time
 *     are looked for (RetentionPurger)
 * @param tenantGrant the operator's grant in each tenant namespace ({@code
 *     OPERATOR_SERVICE_ACCOUNT}), put back by the tenant controller when it goes
 */
public record OperatorConfig(
    Set<String> namespaces,
    String labelSelector,
    Optional<String> leaderElectionNamespace,
    int httpPort,
    int reconcileThreads,
    ReconcilePacing pacing,
    Duration gracefulShutdown,
    Duration informerSyncTimeout,
    Clock clock,
    UsageSettings usage,
    DeliverySettings delivery,
    Duration retentionPurgeInterval,
    TenantGrant tenantGrant) {

  public static final String LEASE_NAME = "exomarket-operator-leader";

  public OperatorConfig {
    if (namespaces.size() > 1) {
      throw new IllegalArgumentException(
          "WATCH_NAMESPACES names "
              + namespaces.size()
              + " namespaces "
              + new TreeSet<>(namespaces)
              + ": the operator watches one namespace, or all (unset). To split a cluster between"
              + " operators, give each a WATCH_LABEL_SELECTOR.");
    }
  }

  public static OperatorConfig defaults() {
    return new OperatorConfig(
        Set.of(),
        null,
        Optional.empty(),
        -1,
        10,
        ReconcilePacing.defaults(),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Clock.systemUTC(),
        UsageSettings.disabled(),
        DeliverySettings.disabled(),
        Duration.ofMinutes(1),
        TenantGrant.operator(Map.of()));
  }

  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    String namespaces = env.getOrDefault("WATCH_NAMESPACES", "").trim();
    return new OperatorConfig(
        namespaces.isEmpty() ? Set.of() : Set.of(namespaces.split("\\s*,\\s*")),
        blankToNull(env.get("WATCH_LABEL_SELECTOR")),
        Optional.ofNullable(blankToNull(env.get("LEADER_ELECTION_NAMESPACE"))),
        Integer.parseInt(env.getOrDefault("OPERATOR_HTTP_PORT", "8081")),
        Integer.parseInt(env.getOrDefault("RECONCILE_THREADS", "10")),
        ReconcilePacing.fromEnvironment(env),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("GRACEFUL_SHUTDOWN_SECONDS", "30"))),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("INFORMER_SYNC_TIMEOUT_SECONDS", "120"))),
        Clock.systemUTC(),
        UsageSettings.fromEnvironment(env),
        DeliverySettings.fromEnvironment(env),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("RETENTION_PURGE_INTERVAL_SECONDS", "60"))),
        TenantGrant.operator(env));
  }

  public OperatorConfig withHttpPort(int port) {
    return new OperatorConfig(
        namespaces,
        labelSelector,
        leaderElectionNamespace,
        port,
        reconcileThreads,
        pacing,
        gracefulShutdown,
        informerSyncTimeout,
        clock,
        usage,
        delivery,
        retentionPurgeInterval,
        tenantGrant);
  }

  public OperatorConfig withLeaderElection(String namespace) {
    return new OperatorConfig(
        namespaces,
        labelSelector,
        Optional.of(namespace),
        httpPort,
        reconcileThreads,
        pacing,
        gracefulShutdown,
        informerSyncTimeout,
        clock,
        usage,
        delivery,
        retentionPurgeInterval,
        tenantGrant);
  }

  public OperatorConfig withNamespaces(Set<String> watched) {
    return new OperatorConfig(
        watched,
        labelSelector,
        leaderElectionNamespace,
        httpPort,
        reconcileThreads,
        pacing,
        gracefulShutdown,
        informerSyncTimeout,
        clock,
        usage,
        delivery,
        retentionPurgeInterval,
        tenantGrant);
  }

  public OperatorConfig withClock(Clock newClock) {
    return new OperatorConfig(
        namespaces,
        labelSelector,
        leaderElectionNamespace,
        httpPort,
        reconcileThreads,
        pacing,
        gracefulShutdown,
        informerSyncTimeout,
        newClock,
        usage,
        delivery,
        retentionPurgeInterval,
        tenantGrant);
  }

  public OperatorConfig withUsage(UsageSettings settings) {
    return new OperatorConfig(
        namespaces,
        labelSelector,
        leaderElectionNamespace,
        httpPort,
        reconcileThreads,
        pacing,
        gracefulShutdown,
        informerSyncTimeout,
        clock,
        settings,
        delivery,
        retentionPurgeInterval,
        tenantGrant);
  }

  public OperatorConfig withDelivery(DeliverySettings settings) {
    return new OperatorConfig(
        namespaces,
        labelSelector,
        leaderElectionNamespace,
        httpPort,
        reconcileThreads,
        pacing,
        gracefulShutdown,
        informerSyncTimeout,
        clock,
        usage,
        settings,
        retentionPurgeInterval,
        tenantGrant);
  }

  public OperatorConfig withRetentionPurgeInterval(Duration interval) {
    return new OperatorConfig(
        namespaces,
        labelSelector,
        leaderElectionNamespace,
        httpPort,
        reconcileThreads,
        pacing,
        gracefulShutdown,
        informerSyncTimeout,
        clock,
        usage,
        delivery,
        interval,
        tenantGrant);
  }

  public OperatorConfig withPacing(ReconcilePacing newPacing) {
    return new OperatorConfig(
        namespaces,
        labelSelector,
        leaderElectionNamespace,
        httpPort,
        reconcileThreads,
        newPacing,
        gracefulShutdown,
        informerSyncTimeout,
        clock,
        usage,
        delivery,
        retentionPurgeInterval,
        tenantGrant);
  }

  public OperatorConfig withInformerSyncTimeout(Duration timeout) {
    return new OperatorConfig(
        namespaces,
        labelSelector,
        leaderElectionNamespace,
        httpPort,
        reconcileThreads,
        pacing,
        gracefulShutdown,
        timeout,
        clock,
        usage,
        delivery,
        retentionPurgeInterval,
        tenantGrant);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
