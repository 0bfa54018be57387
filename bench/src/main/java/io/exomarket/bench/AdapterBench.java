package io.exomarket.bench;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.BrokerServer;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.testkit.env.KubeApi;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Async provision+deprovision pairs through the adapter (in this JVM; no operator claims the
 * instances, so a deprovision answers once the MSI is gone), next to a bare client creating and
 * deleting the same MSIs at the same concurrency on the same API server in the same run; then
 * catalog requests per second. Latencies are per OSB request.
 */
public final class AdapterBench {
  private static final int ORGS = 16;
  private static final int SYNC_MIN = 5;
  private static final int SYNC_MAX = 100;
  private static final int SINGLE_MAX = 200;
  private static final String PASSWORD = UUID.randomUUID().toString();

  private final KubeApi kube;
  private final int threads;
  private final PrintStream out;

  public AdapterBench(KubeApi kube, int threads, PrintStream out) {
    this.kube = kube;
    this.threads = threads;
    this.out = out;
  }

  public List<Row> run(int pairs, int runs) throws Exception {
    KubernetesClient client = kube.client();
    BenchObjects.installOffering(client);
    ApiRequests requests = new ApiRequests(client, kube.real());
    List<String> orgs = new ArrayList<>();
    for (int i = 0; i < ORGS; i++) {
      orgs.add(UUID.randomUUID().toString());
    }
    List<Row.Run> rows = new ArrayList<>();
    double catalogPerSecond = Double.NaN;
    Row.Run single;
    try (KubernetesClient brokerClient = KubeClients.newClient(kube);
        BrokerServer broker =
            BrokerServer.start(brokerClient, BrokerConfig.forTests("bench", PASSWORD))) {
      OsbCalls osb = new OsbCalls(broker.url(), "bench", PASSWORD);
      // Warm-up: the adapter's caches and JIT, and the tenant namespaces the bare client reuses.
      osbPairs(osb, orgs, Math.max(ORGS, pairs / 10), new long[2 * Math.max(ORGS, pairs / 10)]);
      for (int run = 0; run < runs; run++) {
        long[] latencies = new long[2 * pairs];
        RequestCounts before = requests.snapshot();
        long start = System.nanoTime();
        osbPairs(osb, orgs, pairs, latencies);
        double adapter = (System.nanoTime() - start) / 1e9;
        RequestCounts adapterRequests = requests.snapshot().minus(before);
        before = requests.snapshot();
        start = System.nanoTime();
        Parallel.run(pairs, threads, i -> barePair(client, orgs.get(i % ORGS)));
        double bare = (System.nanoTime() - start) / 1e9;
        RequestCounts bareRequests = requests.snapshot().minus(before);
        out.printf(
            Locale.ROOT,
            "run %d: %d async pairs %.2f s = %.0f pairs/s (p50 %.1f ms, p99 %.1f ms per request);"
                + " bare MSI create+delete %.2f s = %.0f pairs/s; throughput ratio %.2f%n",
            run + 1,
            pairs,
            adapter,
            pairs / adapter,
            percentileMs(latencies, 0.50),
            percentileMs(latencies, 0.99),
            bare,
            pairs / bare,
            bare / adapter);
        if (run == runs - 1) {
          Breakdown.print(out, "adapter async pair", adapterRequests, pairs);
          Breakdown.print(out, "bare MSI create+delete", bareRequests, pairs);
        }
        rows.add(
            new Row.Run(
                adapter,
                bare,
                Attribution.ownWithInstances(adapterRequests).perInstance(pairs),
                Attribution.ownWithInstances(bareRequests).perInstance(pairs)));
      }
      single = oneAtATime(osb, client, requests, orgs, Math.min(SINGLE_MAX, pairs));
      catalogPerSecond = pairs / osb.catalogs(pairs, threads);
      out.printf(Locale.ROOT, "catalog: %.0f requests/s (%d threads)%n", catalogPerSecond, threads);
      syncWithOperator(osb, orgs, Math.max(SYNC_MIN, Math.min(SYNC_MAX, pairs / 10)));
    }
    return List.of(
        Row.of("adapter", "async pairs", pairs, rows),
        Row.of("adapter", "pairs, one at a time", Math.min(SINGLE_MAX, pairs), List.of(single)));
  }

  private void osbPairs(OsbCalls osb, List<String> orgs, int pairs, long[] latencies)
      throws Exception {
    AtomicInteger failures = new AtomicInteger();
    Parallel.run(
        pairs,
        threads,
        i -> {
          String id = UUID.randomUUID().toString();
          try {
            long t0 = System.nanoTime();
            int put = osb.provision(id, orgs.get(i % ORGS));
            long t1 = System.nanoTime();
            int delete = osb.deprovision(id);
            latencies[2 * i] = t1 - t0;
            latencies[2 * i + 1] = System.nanoTime() - t1;
            if (put >= 300 || delete >= 300) {
              failures.incrementAndGet();
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " OSB pairs failed");
    }
  }

  /**
   * The same pairs one at a time: the adapter's, then the bare client's, then as many catalog
   * requests (no API call: the OSB round trip's own floor). The latency each OSB request adds to
   * the API call it makes, with no queueing and no other load.
   */
  private Row.Run oneAtATime(
      OsbCalls osb, KubernetesClient client, ApiRequests requests, List<String> orgs, int count)
      throws Exception {
    long[] provision = new long[count];
    long[] deprovision = new long[count];
    long[] create = new long[count];
    long[] delete = new long[count];
    long[] catalog = new long[count];
    RequestCounts before = requests.snapshot();
    for (int i = 0; i < count; i++) {
      String id = UUID.randomUUID().toString();
      long t0 = System.nanoTime();
      int put = osb.provision(id, orgs.get(i % ORGS));
      long t1 = System.nanoTime();
      int gone = osb.deprovision(id);
      provision[i] = t1 - t0;
      deprovision[i] = System.nanoTime() - t1;
      if (put >= 300 || gone >= 300) {
        throw new IllegalStateException("OSB pair answered " + put + ", " + gone);
      }
    }
    RequestCounts adapterRequests = requests.snapshot().minus(before);
    before = requests.snapshot();
    for (int i = 0; i < count; i++) {
      String org = orgs.get(i % ORGS);
      ManagedServiceInstance msi =
          BenchObjects.instance("tenant-" + org, "i-" + UUID.randomUUID(), "bare");
      msi.getSpec().setOrganization(org);
      long t0 = System.nanoTime();
      client.resource(msi).create();
      long t1 = System.nanoTime();
      client.resource(msi).delete();
      create[i] = t1 - t0;
      delete[i] = System.nanoTime() - t1;
    }
    RequestCounts bareRequests = requests.snapshot().minus(before);
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      if (osb.catalog() != 200) {
        throw new IllegalStateException("catalog failed");
      }
      catalog[i] = System.nanoTime() - t0;
    }
    out.printf(
        Locale.ROOT,
        "one at a time, %d of each, p50: OSB provision %.2f ms, deprovision %.2f ms; bare MSI"
            + " create %.2f ms, delete %.2f ms; catalog (no API call) %.2f ms%n",
        count,
        percentileMs(provision, 0.50),
        percentileMs(deprovision, 0.50),
        percentileMs(create, 0.50),
        percentileMs(delete, 0.50),
        percentileMs(catalog, 0.50));
    return new Row.Run(
        (Arrays.stream(provision).sum() + Arrays.stream(deprovision).sum()) / 1e9,
        (Arrays.stream(create).sum() + Arrays.stream(delete).sum()) / 1e9,
        Attribution.ownWithInstances(adapterRequests).perInstance(count),
        Attribution.ownWithInstances(bareRequests).perInstance(count));
  }

  /**
   * Synchronous provisions and deprovisions, one at a time, with the operator running (its own
   * process, reconciling every instance) and a simulated kubelet with no delay: the latency is the
   * adapter's and the operator's, not a workload's start. Then last_operation requests per second
   * on the instances while they exist.
   */
  private void syncWithOperator(OsbCalls osb, List<String> orgs, int count) throws Exception {
    Path log = Files.createTempFile("exomarket-bench-adapter-operator", ".log");
    try (KubernetesClient kubeletClient = KubeClients.newClient(kube);
        SimulatedKubelet kubelet = SimulatedKubelet.start(kubeletClient, Duration.ZERO);
        OperatorProcess operator =
            OperatorProcess.start(kube.kubeconfig(), threads, log, 0, null)) {
      // Warm-up: the operator's start, its informers and JIT; a sync provision that answers
      // before the operator is up (202 after the sync timeout) is simply repeated.
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      int warm = 0;
      while (warm < SYNC_MIN) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no sync provision succeeded: see " + log);
        }
        String id = UUID.randomUUID().toString();
        int put = osb.provision(id, orgs.get(warm % ORGS), false);
        osb.deprovision(id, put != 201);
        warm += put == 201 ? 1 : 0;
      }
      long[] provision = new long[count];
      long[] deprovision = new long[count];
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String id = UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        int put = osb.provision(id, orgs.get(i % ORGS), false);
        provision[i] = System.nanoTime() - t0;
        if (put != 201) {
          throw new IllegalStateException("sync provision answered " + put + ": see " + log);
        }
        ids.add(id);
      }
      int polls = Math.max(1000, 10 * count);
      long start = System.nanoTime();
      Parallel.run(
          polls,
          threads,
          i -> {
            try {
              int code = osb.lastOperation(ids.get(i % ids.size()));
              if (code != 200) {
                throw new IllegalStateException("last_operation answered " + code);
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      double lastOperationPerSecond = polls / ((System.nanoTime() - start) / 1e9);
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        int delete = osb.deprovision(ids.get(i), false);
        deprovision[i] = System.nanoTime() - t0;
        if (delete != 200) {
          throw new IllegalStateException("sync deprovision answered " + delete + ": see " + log);
        }
      }
      out.printf(
          Locale.ROOT,
          "sync with the operator running (kubelet delay 0), %d one at a time: provision p50 %.1f"
              + " ms, p99 %.1f ms; deprovision p50 %.1f ms, p99 %.1f ms; last_operation %.0f"
              + " requests/s (%d threads)%n",
          count,
          percentileMs(provision, 0.50),
          percentileMs(provision, 0.99),
          percentileMs(deprovision, 0.50),
          percentileMs(deprovision, 0.99),
          lastOperationPerSecond,
          threads);
    }
  }

  private static void barePair(KubernetesClient client, String org) {
    String ns = "tenant-" + org;
    String name = "i-" + UUID.randomUUID();
    ManagedServiceInstance msi = BenchObjects.instance(ns, name, "bare");
    msi.getSpec().setOrganization(org);
    client.resource(msi).create();
    client.resources(ManagedServiceInstance.class).inNamespace(ns).withName(name).delete();
  }

  private static double percentileMs(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
