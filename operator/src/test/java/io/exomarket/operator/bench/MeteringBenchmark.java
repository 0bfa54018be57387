package io.exomarket.operator.bench;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.client.ApiVariant;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.MeteringClientConfig;
import io.exomarket.operator.metering.client.MeteringClientFactory;
import io.exomarket.operator.metering.client.MeteringCredentials;
import io.exomarket.operator.metering.client.UsageRecord;
import io.exomarket.operator.metering.client.UsageReport;
import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.MutableClock;
import io.exomarket.testkit.kube.MockApiServer;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.metering.MeteringSink;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reports N instances x W windows (default 100 x 100 = 10,000 instance-windows) to the metering
 * sink with 10 ms latency per request, next to the same number of bare {@code MeteringClient.send}
 * calls with the operator's concurrency (its reconcile threads) in the same run. The operator runs
 * in this JVM with the mock API server and the sink, so the RSS printed is of all three. Usage:
 * {@code e2e/bench/metering.sh [instances] [windows]}.
 */
public final class MeteringBenchmark {
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final Duration LATENCY = Duration.ofMillis(10);
  private static final int THREADS = OperatorConfig.defaults().reconcileThreads();

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int windows = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int total = instances * windows;
    System.out.printf(
        "metering benchmark: %d instances x %d windows = %d reports, sink latency %d ms, %d threads%n",
        instances, windows, total, LATENCY.toMillis(), THREADS);
    try (MeteringSink sink =
        MeteringSink.builder().credentials("EXObench", "s3cr3t").latency(LATENCY).start()) {
      double baseline = bareSends(sink, total);
      System.out.printf(
          "baseline  bare MeteringClient.send x %d:  %.2f s (%.0f reports/s)%n",
          total, baseline, total / baseline);
      sink.clearReports();
      double operator = operatorSeconds(sink, instances, windows);
      System.out.printf(
          "operator  clock advanced -> all reported: %.2f s (%.0f reports/s)%n",
          operator, total / operator);
      System.out.printf("ratio     operator / baseline:           %.2f%n", operator / baseline);
      System.out.printf(
          "sink      requests recorded:             %d (expected %d)%n",
          sink.reports().stream().map(r -> r.requestNumber()).distinct().count(), total);
      System.out.printf(
          "RSS       this JVM (operator + mock API server + sink): %.0f MiB%n", rssKib() / 1024.0);
    }
    System.exit(0);
  }

  private static double bareSends(MeteringSink sink, int total) throws Exception {
    MeteringClient client =
        MeteringClientFactory.create(
            MeteringClientConfig.of(
                sink.url(),
                ApiVariant.PARTNER,
                "acme-db",
                new MeteringCredentials("EXObench", "s3cr3t")));
    UUID org = UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    List<Future<CallOutcome>> done = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      done.add(
          pool.submit(
              () ->
                  client.send(
                      new UsageReport(
                          org,
                          "acme-db",
                          List.of(new UsageRecord("uptime_small", BigDecimal.ONE)),
                          UUID.randomUUID().toString()))));
    }
    for (Future<CallOutcome> f : done) {
      if (!(f.get() instanceof CallOutcome.Accepted)) {
        throw new IllegalStateException("baseline send failed: " + f.get());
      }
    }
    pool.shutdown();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double operatorSeconds(MeteringSink sink, int instances, int windows)
      throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    try (MockApiServer kube = MockApiServer.start();
        SimulatedKubelet kubelet =
            SimulatedKubelet.start(kube.newClient(), Duration.ofMillis(100))) {
      KubernetesClient client = kube.client();
      Fixtures.installOffering(client);
      Fixtures.namespace(client, "ops");
      Fixtures.namespace(client, "tenant");
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("metering")
                  .withNamespace("ops")
                  .endMetadata()
                  .withStringData(Map.of("key", "EXObench", "secret", "s3cr3t"))
                  .build())
          .create();
      UsageSettings usage =
          new UsageSettings(
              sink.url(),
              ApiVariant.PARTNER,
              "acme-db",
              "ops",
              "metering",
              WINDOW,
              Duration.ZERO,
              Duration.ofSeconds(1),
              Duration.ofSeconds(10),
              Duration.ofHours(1),
              false,
              Duration.ofDays(1));
      try (ExomarketOperator operator =
          ExomarketOperator.start(
              kube.newClient(),
              OperatorConfig.defaults().withClock(clock).withUsage(usage),
              List.of(),
              MeteringClientFactory::create)) {
        List<ManagedServiceInstance> created = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
          ManagedServiceInstance msi = Fixtures.instance("tenant", "db-" + i, Fixtures.SMALL);
          msi.getSpec().setOrganization(UUID.randomUUID().toString());
          created.add(client.resource(msi).create());
        }
        Awaits.awaitAll(client, created, InstanceState.Ready, Duration.ofMinutes(5));
        Instant target = clock.instant().plus(WINDOW.multipliedBy(windows));
        long start = System.nanoTime();
        clock.advance(
            WINDOW.multipliedBy(windows)); // every instance now has `windows` closed windows
        while (!allReportedUntil(client, target)) {
          Thread.sleep(100); // a benchmark poll, not a test wait
        }
        return (System.nanoTime() - start) / 1e9;
      }
    }
  }

  private static boolean allReportedUntil(KubernetesClient client, Instant target) {
    return client
        .resources(ManagedServiceInstance.class)
        .inNamespace("tenant")
        .list()
        .getItems()
        .stream()
        .allMatch(
            m ->
                m.getStatus() != null
                    && m.getStatus().getUsage() != null
                    && m.getStatus().getUsage().getPending() == null
                    && !Instant.parse(m.getStatus().getUsage().getReportedUntil())
                        .isBefore(target));
  }

  private static long rssKib() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
        .findFirst()
        .orElse(-1L);
  }
}
