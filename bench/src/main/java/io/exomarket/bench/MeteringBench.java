package io.exomarket.bench;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.UsageLedger;
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
import io.exomarket.testkit.metering.MeteringSecret;
import io.exomarket.testkit.metering.MeteringSink;
import io.exomarket.testkit.time.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Two measures, each next to as many bare {@code MeteringClient.send} calls (at the operator's
 * reconcile concurrency, same sink with 10 ms latency) in the same run. <b>Backlog</b>: I instances
 * with W closed windows each (the operator's clock, in this JVM, is moved by hand; each instance's
 * backlog is one report). <b>Steady state</b>: N instances on the real clock with 30-second
 * windows; at a boundary every instance has one window due and reports it (the hourly burst of
 * production: one report, one intent and one record each).
 */
public final class MeteringBench {
  private static final Duration BACKLOG_WINDOW = Duration.ofSeconds(60);
  private static final Duration LATENCY = Duration.ofMillis(10);
  private static final String RUN = "metering";
  private static final String NAMESPACE = "tenant-metering";
  private static final String UPTIME = "uptime_small";
  private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

  private final KubeApi kube;
  private final int threads;
  private final PrintStream out;

  public MeteringBench(KubeApi kube, int threads, PrintStream out) {
    this.kube = kube;
    this.threads = threads;
    this.out = out;
  }

  public List<Row> run(int backlogInstances, int windows, int steadyInstances) throws Exception {
    out.printf(
        "metering: backlog %d instances x %d windows, steady %d instances x 1 window; sink"
            + " latency %d ms, %d threads%n",
        backlogInstances, windows, steadyInstances, LATENCY.toMillis(), threads);
    ApiRequests requests = new ApiRequests(kube.client(), kube.real());
    try (MeteringSink sink =
        MeteringSink.builder().credentials("EXObench", "s3cr3t").latency(LATENCY).start()) {
      prepare(kube.client());
      MutableClock clock = new MutableClock(START);
      Row backlog =
          new Phase(sink, requests, clock, BACKLOG_WINDOW, Duration.ofSeconds(1))
              .measure("backlog, one report each", backlogInstances, windows);
      // Longer than the burst takes (about 20 s for 1,000 here): one window due per instance.
      Duration steadyWindow = Duration.ofSeconds(Math.max(10, Math.min(60, steadyInstances / 20)));
      Row steady =
          new Phase(sink, requests, Clock.systemUTC(), steadyWindow, Duration.ofMinutes(5))
              .measure("one window each", steadyInstances, 1);
      return List.of(backlog, steady);
    }
  }

  /**
   * One operator on {@code clock}: instances to Ready, reported up to a boundary, then timed from
   * the moment {@code windows} more have closed until all are reported; then deleted.
   */
  private final class Phase {
    private final MeteringSink sink;
    private final ApiRequests requests;
    private final Clock clock;
    private final Duration window;
    private final Duration recheck;

    Phase(MeteringSink sink, ApiRequests requests, Clock clock, Duration window, Duration recheck) {
      this.sink = sink;
      this.requests = requests;
      this.clock = clock;
      this.window = window;
      this.recheck = recheck;
    }

    Row measure(String name, int instances, int windows) throws Exception {
      int total = instances * windows;
      double bare = bareSends(sink, total);
      KubernetesClient client = kube.client();
      try (KubernetesClient kubeletClient = KubeClients.newClient(kube);
          SimulatedKubelet kubelet = SimulatedKubelet.start(kubeletClient, Duration.ZERO);
          KubernetesClient operatorClient = KubeClients.newClient(kube);
          ExomarketOperator operator =
              ExomarketOperator.start(
                  operatorClient,
                  config(sink, clock, window, recheck),
                  List.of(),
                  MeteringClientFactory::create);
          InstanceWatch watch = new InstanceWatch(client, RUN)) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
          ManagedServiceInstance msi =
              BenchObjects.instance(
                  NAMESPACE, "m-" + UUID.randomUUID().toString().substring(0, 8), RUN);
          msi.getSpec().setOrganization(UUID.randomUUID().toString());
          client.resource(msi).create();
          names.add(msi.getMetadata().getName());
        }
        List<String> keys = names.stream().map(n -> NAMESPACE + "/" + n).toList();
        watch.awaitReady(keys, Duration.ofMinutes(10));
        // Usage up to a boundary is reported before the measure: it starts with whole windows.
        Instant from = UsageLedger.boundaryAfter(clock.instant(), window);
        if (clock instanceof MutableClock hand) {
          hand.advance(Duration.between(hand.instant(), from));
        }
        watch.await(
            keys, Duration.ofMinutes(10), m -> reportedUntil(m, from), "reported until the phase");
        Instant target = UsageLedger.boundaryAfter(clock.instant().plusSeconds(1), window);
        if (windows > 1) {
          target = target.plus(window.multipliedBy(windows - 1));
        }
        Thread.sleep(1_000); // the last writes' events belong to no measure
        sink.clearReports();
        RequestCounts before = requests.snapshot();
        if (clock instanceof MutableClock hand) {
          hand.advance(Duration.between(hand.instant(), target)); // all windows close at once
        } else {
          Thread.sleep(Math.max(0, Duration.between(clock.instant(), target).toMillis()));
        }
        long start = System.nanoTime();
        Instant until = target;
        watch.await(keys, Duration.ofMinutes(30), m -> reportedUntil(m, until), "reported");
        double seconds = (System.nanoTime() - start) / 1e9;
        RequestCounts counts = requests.snapshot().minus(before);
        print(name, instances, total, seconds, bare);
        Breakdown.print(out, "operator per instance-window (" + name + ")", counts, total);
        for (String n : names) {
          client
              .resources(ManagedServiceInstance.class)
              .inNamespace(NAMESPACE)
              .withName(n)
              .delete();
        }
        watch.awaitGone(keys, Duration.ofMinutes(10));
        return Row.of(
            "metering",
            name,
            total,
            List.of(
                new Row.Run(
                    seconds, bare, Attribution.own(counts).perInstance(total), Double.NaN)));
      }
    }

    /** Prints the figures and checks the bill: each instance within 0.00001 h of the exact. */
    private void print(String name, int instances, int total, double seconds, double bare) {
      long received = sink.reports().stream().map(r -> r.requestNumber()).distinct().count();
      BigDecimal billed =
          sink.reports().stream()
              .filter(r -> r.variable().equals(UPTIME))
              .map(r -> r.quantity())
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal exact =
          BigDecimal.valueOf(window.toSeconds() * total)
              .divide(BigDecimal.valueOf(3600), 5, RoundingMode.DOWN);
      out.printf(
          Locale.ROOT,
          "metering %s: %d instance-windows in %.2f s (%.0f windows/s) against %d bare sends in"
              + " %.2f s (%.0f/s), ratio %.2f; sink received %d requests, %s %s h billed (exact"
              + " %s h)%n",
          name,
          total,
          seconds,
          total / seconds,
          total,
          bare,
          total / bare,
          seconds / bare,
          received,
          UPTIME,
          billed.toPlainString(),
          exact.toPlainString());
      BigDecimal tolerance = new BigDecimal("0.00001").multiply(BigDecimal.valueOf(instances));
      if (billed.subtract(exact).abs().compareTo(tolerance) > 0) {
        throw new IllegalStateException("billed " + billed + " h of uptime, expected " + exact);
      }
    }
  }

  private static void prepare(KubernetesClient client) {
    BenchObjects.installOffering(client);
    BenchObjects.namespace(client, "ops");
    BenchObjects.namespace(client, NAMESPACE);
    MeteringSecret.apply(client, "ops", "metering", "EXObench", "s3cr3t");
  }

  /** No settling: a window is due the moment it closes. */
  private static OperatorConfig config(
      MeteringSink sink, Clock clock, Duration window, Duration recheck) {
    UsageSettings usage =
        new UsageSettings(
            sink.url(),
            ApiVariant.PARTNER,
            "acme-db",
            "ops",
            "metering",
            window,
            Duration.ZERO,
            recheck,
            Duration.ofSeconds(10),
            Duration.ofHours(1),
            false,
            Duration.ofDays(1));
    return OperatorConfig.defaults().withClock(clock).withUsage(usage).withHttpPort(0);
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
                      List.of(new UsageRecord(UPTIME, BigDecimal.ONE)),
                      UUID.randomUUID().toString()));
          if (!(outcome instanceof CallOutcome.Accepted)) {
            throw new IllegalStateException("bare send failed: " + outcome);
          }
        });
    return (System.nanoTime() - start) / 1e9;
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
