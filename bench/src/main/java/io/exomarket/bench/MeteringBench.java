package io.exomarket.bench;

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
import io.exomarket.testkit.env.KubeApi;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.metering.MeteringSink;
import io.exomarket.testkit.time.MutableClock;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * I instances x W windows reported to the metering sink with 10 ms latency per request, next to the
 * same number of bare {@code MeteringClient.send} calls at the operator's concurrency (its
 * reconcile threads) in the same run. The operator runs in this JVM (its clock is moved by hand, so
 * that all windows close at once). Moved from {@code
 * operator/src/test/.../bench/MeteringBenchmark}.
 */
public final class MeteringBench {
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final Duration LATENCY = Duration.ofMillis(10);
  private static final String RUN = "metering";
  private static final String NAMESPACE = "tenant-metering";

  private final KubeApi kube;
  private final int threads;
  private final PrintStream out;

  public MeteringBench(KubeApi kube, int threads, PrintStream out) {
    this.kube = kube;
    this.threads = threads;
    this.out = out;
  }

  public List<Row> run(int instances, int windows) throws Exception {
    int total = instances * windows;
    out.printf(
        "metering: %d instances x %d windows = %d reports, sink latency %d ms, %d threads%n",
        instances, windows, total, LATENCY.toMillis(), threads);
    ApiRequests requests = new ApiRequests(kube.client(), kube.real());
    try (MeteringSink sink =
        MeteringSink.builder().credentials("EXObench", "s3cr3t").latency(LATENCY).start()) {
      double bare = bareSends(sink, total);
      sink.clearReports();
      Instant target = Instant.parse("2025-03-01T10:00:00Z").plus(WINDOW.multipliedBy(windows));
      RequestCounts[] counts = new RequestCounts[1];
      double operator = operatorSeconds(sink, instances, windows, target, requests, counts);
      long received = sink.reports().stream().map(r -> r.requestNumber()).distinct().count();
      out.printf(
          Locale.ROOT,
          "metering: operator %.2f s (%.0f reports/s), bare sends %.2f s (%.0f reports/s), ratio %.2f;"
              + " sink received %d requests (expected %d)%n",
          operator,
          total / operator,
          bare,
          total / bare,
          operator / bare,
          received,
          total);
      Breakdown.print(out, "operator per instance-window", counts[0], total);
      return List.of(
          Row.of(
              "metering",
              "windows reported",
              total,
              List.of(
                  new Row.Run(
                      operator, bare, Attribution.own(counts[0]).perInstance(total), Double.NaN))));
    }
  }

  private double bareSends(MeteringSink sink, int total) throws Exception {
    MeteringClient client =
        MeteringClientFactory.create(
            MeteringClientConfig.of(
                sink.url(),
                ApiVariant.PARTNER,
                "acme-db",
                new MeteringCredentials("EXObench", "s3cr3t")));
    UUID org = UUID.randomUUID();
    long start = System.nanoTime();
    Parallel.run(
        total,
        threads,
        i -> {
          CallOutcome outcome =
              client.send(
                  new UsageReport(
                      org,
                      "acme-db",
                      List.of(new UsageRecord("uptime_small", BigDecimal.ONE)),
                      UUID.randomUUID().toString()));
          if (!(outcome instanceof CallOutcome.Accepted)) {
            throw new IllegalStateException("bare send failed: " + outcome);
          }
        });
    return (System.nanoTime() - start) / 1e9;
  }

  private double operatorSeconds(
      MeteringSink sink,
      int instances,
      int windows,
      Instant target,
      ApiRequests requests,
      RequestCounts[] counts)
      throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    KubernetesClient client = kube.client();
    BenchObjects.installOffering(client);
    for (String ns : List.of("ops", NAMESPACE)) {
      client
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .endMetadata()
                  .build())
          .createOr(NonDeletingOperation::update);
    }
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("metering")
                .withNamespace("ops")
                .endMetadata()
                .withStringData(Map.of("key", "EXObench", "secret", "s3cr3t"))
                .build())
        .createOr(NonDeletingOperation::update);
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
    OperatorConfig config =
        OperatorConfig.defaults().withClock(clock).withUsage(usage).withHttpPort(0);
    try (KubernetesClient kubeletClient = KubeClients.newClient(kube);
        SimulatedKubelet kubelet = SimulatedKubelet.start(kubeletClient, Duration.ZERO);
        KubernetesClient operatorClient = KubeClients.newClient(kube);
        ExomarketOperator operator =
            ExomarketOperator.start(
                operatorClient, config, List.of(), MeteringClientFactory::create);
        InstanceWatch watch = new InstanceWatch(client, RUN)) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        ManagedServiceInstance msi =
            BenchObjects.instance(
                NAMESPACE, "m-" + UUID.randomUUID().toString().substring(0, 8), RUN);
        msi.getSpec().setOrganization(UUID.randomUUID().toString());
        client.resource(msi).create();
        keys.add(NAMESPACE + "/" + msi.getMetadata().getName());
      }
      watch.awaitReady(keys, Duration.ofMinutes(5));
      Thread.sleep(2_000); // the first (empty) windows' writes belong to no phase
      RequestCounts before = requests.snapshot();
      long start = System.nanoTime();
      clock.advance(
          WINDOW.multipliedBy(windows)); // every instance now has `windows` closed windows
      watch.await(keys, Duration.ofMinutes(30), m -> reportedUntil(m, target), "reported");
      double seconds = (System.nanoTime() - start) / 1e9;
      counts[0] = requests.snapshot().minus(before);
      for (String key : keys) {
        client
            .resources(ManagedServiceInstance.class)
            .inNamespace(NAMESPACE)
            .withName(key.substring(key.indexOf('/') + 1))
            .delete();
      }
      watch.awaitGone(keys, Duration.ofMinutes(5));
      return seconds;
    }
  }

  private static boolean reportedUntil(ManagedServiceInstance m, Instant target) {
    return m != null
        && m.getStatus() != null
        && m.getStatus().getUsage() != null
        && m.getStatus().getUsage().getPending() == null
        && m.getStatus().getUsage().getReportedUntil() != null
        && !Instant.parse(m.getStatus().getUsage().getReportedUntil()).isBefore(target);
  }
}
