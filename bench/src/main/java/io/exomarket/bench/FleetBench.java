package io.exomarket.bench;

import io.exomarket.testkit.env.KubeApi;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost of the instance fleet. One instance's provision-to-Ready time (one at a time, the
 * probes) with no fleet, then N instances created at once over up to 100 namespaces and driven to
 * Ready by the operator (its own process, the image's JVM flags), then the same probes with the N
 * instances and their dependents in the operator's caches. Printed: the fleet's time to Ready, the
 * operator's heap after a full GC and RSS with and without the fleet, requests per probe, and the
 * table row: probe time with the fleet against without, pairwise.
 */
public final class FleetBench {
  private static final String TENANT = "fleet-";
  private static final String PROBE_NAMESPACE = "fleet-probe";
  private static final int NAMESPACES = 100;
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private final KubeApi kube;
  private final int threads;
  private final PrintStream out;

  public FleetBench(KubeApi kube, int threads, PrintStream out) {
    this.kube = kube;
    this.threads = threads;
    this.out = out;
  }

  public List<Row> run(int instances, int probes) throws Exception {
    KubernetesClient client = kube.client();
    BenchObjects.installOffering(client);
    int namespaces = Math.min(NAMESPACES, instances);
    BenchObjects.namespaces(client, TENANT, namespaces);
    BenchObjects.namespace(client, PROBE_NAMESPACE);
    ApiRequests requests = new ApiRequests(client, kube.real());
    Path log = Files.createTempFile("exomarket-bench-fleet", ".log");
    out.printf("operator log: %s%n", log);
    List<Row.Run> runs = new ArrayList<>();
    try (KubernetesClient kubeletClient = KubeClients.newClient(kube);
        SimulatedKubelet kubelet = SimulatedKubelet.start(kubeletClient, Duration.ZERO);
        InstanceWatch watch = new InstanceWatch(client, BenchObjects.OPERATOR_RUN);
        OperatorProcess operator = OperatorProcess.start(kube.kubeconfig(), threads, log)) {
      ProvisionProbe probe = new ProvisionProbe(client, watch, requests, PROBE_NAMESPACE);
      probe.run("warm-up", 1);
      ProvisionProbe.Probes before = probe.run("before", probes);
      OperatorProcess.Footprint idle = operator.footprint(out);

      RequestCounts start = requests.snapshot();
      long t0 = System.nanoTime();
      List<String> keys = new ArrayList<>(instances);
      for (int i = 0; i < instances; i++) {
        keys.add(TENANT + (i % namespaces) + "/" + name(i));
      }
      Parallel.run(
          instances,
          threads,
          i ->
              client
                  .resource(
                      BenchObjects.instance(
                          TENANT + (i % namespaces), name(i), BenchObjects.OPERATOR_RUN))
                  .create());
      double created = (System.nanoTime() - t0) / 1e9;
      watch.awaitReady(keys, Duration.ofSeconds(300 + instances / 2));
      double ready = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(SETTLE.toMillis());
      RequestCounts fleet = requests.snapshot().minus(start);
      OperatorProcess.Footprint loaded = operator.footprint(out);

      ProvisionProbe.Probes after = probe.run("after", probes);
      if (!operator.alive()) {
        throw new IllegalStateException("the operator process died: see " + log);
      }
      out.printf(
          Locale.ROOT,
          "fleet: %d instances in %d namespaces created in %.1f s, all Ready after %.1f s (%.0f/s);"
              + " operator RSS %.0f MiB before, %.0f MiB after; heap after GC %.0f MiB before,"
              + " %.0f MiB after%n",
          instances,
          namespaces,
          created,
          ready,
          instances / ready,
          idle.rssMib(),
          loaded.rssMib(),
          idle.heapMib(),
          loaded.heapMib());
      Breakdown.print(out, "fleet instance create->Ready", fleet, instances);
      Breakdown.print(out, "probe provision->Ready, no fleet", before.requests(), probes);
      Breakdown.print(
          out, "probe provision->Ready, " + instances + " instances", after.requests(), probes);
      operator.close();
      // A restart with the fleet in place: the steady state, without the creation's backlog.
      int port = FreePort.loopback();
      try (OperatorProcess restarted =
          OperatorProcess.start(kube.kubeconfig(), threads, log, port)) {
        double caughtUp = restarted.awaitIdle(Duration.ofSeconds(300 + instances / 10));
        OperatorProcess.Footprint steady = restarted.footprint(out);
        out.printf(
            Locale.ROOT,
            "fleet: operator restarted with the %d instances: idle after %.1f s; RSS %.0f MiB;"
                + " heap after GC %.0f MiB%n",
            instances,
            caughtUp,
            steady.rssMib(),
            steady.heapMib());
        MetricsScrapes.Figures scrapes = MetricsScrapes.measure(port, restarted);
        out.printf(
            Locale.ROOT,
            "fleet: a /metrics scrape with the %d instances cached: %.1f ms (median of %d),"
                + " %.1f ms of the operator's CPU each%n",
            instances,
            scrapes.medianMillis(),
            MetricsScrapes.SCRAPES,
            scrapes.cpuMillisEach());
      }
      runs.addAll(after.against(before));
    }
    return List.of(Row.of("fleet", "1 provision @" + instances + " inst / @0", 1, runs));
  }

  private static String name(int i) {
    return "db-" + i;
  }
}
