package io.exomarket.bench;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
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
 * N instances created at once until all are Ready, then deleted until all are gone, by the operator
 * (its own process, a simulated kubelet with no delay) next to {@link BareClient} doing the same
 * writes at the same concurrency on the same API server, in the same run. The API server's request
 * counts are read before and after each phase.
 */
public final class OperatorBench {
  private static final String TENANT = "tenant-bench-";
  private static final int WARM_UP_RUN = 1000; // names of the warm-up batches: no run's names
  private static final Duration SETTLE = Duration.ofSeconds(2);

  /**
   * Instances created and deleted, untimed, by each side before a run's timing: the operator is
   * measured as it runs in production, for weeks, with its code compiled (at 300 instances from a
   * fresh start the JIT compiler had used about 40% of the operator's CPU).
   */
  static final int WARM_UP = 100;

  private final KubeApi kube;
  private final int threads;
  private final PrintStream out;

  public OperatorBench(KubeApi kube, int threads, PrintStream out) {
    this.kube = kube;
    this.threads = threads;
    this.out = out;
  }

  public List<Row> run(int n, int runs) throws Exception {
    KubernetesClient client = kube.client();
    BenchObjects.installOffering(client);
    BenchObjects.namespaces(client, TENANT);
    BenchObjects.namespaces(client, BareClient.PREFIX);
    ApiRequests requests = new ApiRequests(client, kube.real());
    BareClient bare = new BareClient(client);
    Path log = Files.createTempFile("exomarket-bench-operator", ".log");
    out.printf("operator log: %s%n", log);
    List<Row.Run> create = new ArrayList<>();
    List<Row.Run> delete = new ArrayList<>();
    long rss = -1;
    try (KubernetesClient kubeletClient = KubeClients.newClient(kube);
        SimulatedKubelet kubelet = SimulatedKubelet.start(kubeletClient, Duration.ZERO);
        InstanceWatch watch = new InstanceWatch(client, BenchObjects.OPERATOR_RUN)) {
      for (int run = 0; run < runs; run++) {
        int r = run;
        int warm = Math.min(n, WARM_UP);
        Parallel.run(warm, threads, i -> bare.create(WARM_UP_RUN + r, i));
        Parallel.run(warm, threads, i -> bare.delete(WARM_UP_RUN + r, i));
        // The bare client first, with no operator running: its counts are its own alone.
        Measured bareCreate =
            measure(requests, null, () -> Parallel.run(n, threads, i -> bare.create(r, i)));
        Measured bareDelete =
            measure(requests, null, () -> Parallel.run(n, threads, i -> bare.delete(r, i)));
        Measured opCreate;
        Measured opDelete;
        try (OperatorProcess operator = OperatorProcess.start(kube.kubeconfig(), threads, log)) {
          warmUp(client, watch, r, warm);
          opCreate = measure(requests, operator, () -> createAll(client, watch, r, n));
          rss = Math.max(rss, operator.rssKib());
          opDelete = measure(requests, operator, () -> deleteAll(client, watch, r, n));
          if (!operator.alive()) {
            throw new IllegalStateException("the operator process died: see " + log);
          }
        }
        out.printf(
            Locale.ROOT,
            "run %d: create->Ready %.2f s (bare %.2f s, ratio %.2f); delete->gone %.2f s (bare %.2f s, ratio %.2f)%n",
            run + 1,
            opCreate.seconds(),
            bareCreate.seconds(),
            opCreate.seconds() / bareCreate.seconds(),
            opDelete.seconds(),
            bareDelete.seconds(),
            opDelete.seconds() / bareDelete.seconds());
        out.printf(
            Locale.ROOT,
            "run %d: CPU per instance, whole machine: create %.1f ms (bare %.1f ms, ratio %.2f),"
                + " delete %.1f ms (bare %.1f ms, ratio %.2f); the operator's process: create"
                + " %.1f ms, delete %.1f ms%n",
            run + 1,
            opCreate.machineCpu() * 1000 / n,
            bareCreate.machineCpu() * 1000 / n,
            opCreate.machineCpu() / bareCreate.machineCpu(),
            opDelete.machineCpu() * 1000 / n,
            bareDelete.machineCpu() * 1000 / n,
            opDelete.machineCpu() / bareDelete.machineCpu(),
            opCreate.operatorCpu() * 1000 / n,
            opDelete.operatorCpu() * 1000 / n);
        create.add(row(opCreate, bareCreate, n));
        delete.add(row(opDelete, bareDelete, n));
        if (run == runs - 1) {
          Breakdown.print(out, "operator create->Ready", opCreate.requests(), n);
          Breakdown.print(out, "operator delete->gone", opDelete.requests(), n);
          Breakdown.print(out, "bare create", bareCreate.requests(), n);
          Breakdown.print(out, "bare delete", bareDelete.requests(), n);
        }
      }
    }
    out.printf(Locale.ROOT, "operator RSS (max after create): %.0f MiB%n", rss / 1024.0);
    return List.of(
        Row.of("operator", "create->Ready", n, create),
        Row.of("operator", "delete->gone", n, delete));
  }

  private void createAll(KubernetesClient client, InstanceWatch watch, int run, int n)
      throws Exception {
    Parallel.run(n, threads, i -> client.resource(instance(run, i)).create());
    watch.awaitReady(keys(run, n), timeout(n));
  }

  private void deleteAll(KubernetesClient client, InstanceWatch watch, int run, int n)
      throws Exception {
    Parallel.run(
        n,
        threads,
        i ->
            client
                .resources(ManagedServiceInstance.class)
                .inNamespace(BenchObjects.namespace(TENANT, i))
                .withName(name(run, i))
                .delete());
    watch.awaitGone(keys(run, n), timeout(n));
  }

  private static List<String> keys(int run, int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(BenchObjects.namespace(TENANT, i) + "/" + name(run, i));
    }
    return keys;
  }

  private static Duration timeout(int n) {
    return Duration.ofSeconds(120 + n);
  }

  /** Starts timing once the operator has provisioned and deleted a first batch (JIT, informers). */
  private void warmUp(KubernetesClient client, InstanceWatch watch, int run, int warm)
      throws Exception {
    createAll(client, watch, WARM_UP_RUN + run, warm);
    deleteAll(client, watch, WARM_UP_RUN + run, warm);
    Thread.sleep(SETTLE.toMillis()); // the start-up writes (tenant quotas) belong to no phase
  }

  private static ManagedServiceInstance instance(int run, int i) {
    return BenchObjects.instance(
        BenchObjects.namespace(TENANT, i), name(run, i), BenchObjects.OPERATOR_RUN);
  }

  private static String name(int run, int i) {
    return "db-" + run + "-" + i;
  }

  interface Phase {
    void run() throws Exception;
  }

  /** Wall time, requests, and CPU seconds of the whole machine and of the operator (NaN: none). */
  record Measured(double seconds, RequestCounts requests, double machineCpu, double operatorCpu) {}

  /**
   * Times the phase; counts its requests and CPU once the API server is quiet again (late requests,
   * a last status write, belong to this phase).
   */
  private static Measured measure(ApiRequests requests, OperatorProcess operator, Phase phase)
      throws Exception {
    RequestCounts before = requests.snapshot();
    double machine = MachineCpu.seconds();
    double own = operator == null ? Double.NaN : operator.cpuSeconds();
    long start = System.nanoTime();
    phase.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    Thread.sleep(SETTLE.toMillis());
    return new Measured(
        seconds,
        requests.snapshot().minus(before),
        MachineCpu.seconds() - machine,
        operator == null ? Double.NaN : operator.cpuSeconds() - own);
  }

  private static Row.Run row(Measured ours, Measured bare, int n) {
    return new Row.Run(
        ours.seconds(),
        bare.seconds(),
        Attribution.own(ours.requests()).perInstance(n),
        Attribution.own(bare.requests()).perInstance(n));
  }
}
