package io.exomarket.bench;

import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.instances.TenantNamespaces;
import io.exomarket.operator.tenant.TenantNetworkPolicies;
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
import java.util.concurrent.TimeoutException;

/**
 * The cost of the tenant fleet. T tenant namespaces are made as the broker makes them (its own
 * {@link TenantNamespaces}: the namespace with its labels, then the two tenant grants) while the
 * operator runs and keeps each one (its grant, the default-deny policies). Printed: requests per
 * tenant namespace (the broker's and the operator's), the time until the operator has caught up,
 * its RSS before and after; and one instance's provision-to-Ready time (one at a time, median of
 * the probes) with the fleet present, next to the same before the fleet existed, in the same run.
 */
public final class TenantsBench {
  private static final String PROBE_ORG = "00000000-0000-4000-8000-000000000000";
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private final KubeApi kube;
  private final int threads;
  private final PrintStream out;

  public TenantsBench(KubeApi kube, int threads, PrintStream out) {
    this.kube = kube;
    this.threads = threads;
    this.out = out;
  }

  public List<Row> run(int tenants, int probes) throws Exception {
    KubernetesClient client = kube.client();
    BenchObjects.installOffering(client);
    ApiRequests requests = new ApiRequests(client, kube.real());
    TenantNamespaces broker =
        new TenantNamespaces(client, "tenant-", BrokerConfig.forTests("u", "p").tenantGrants());
    broker.ensure(PROBE_ORG);
    String probeNamespace = broker.namespaceFor(PROBE_ORG);
    Path log = Files.createTempFile("exomarket-bench-tenants", ".log");
    out.printf("operator log: %s%n", log);
    List<Row.Run> runs = new ArrayList<>();
    try (KubernetesClient kubeletClient = KubeClients.newClient(kube);
        SimulatedKubelet kubelet = SimulatedKubelet.start(kubeletClient, Duration.ZERO);
        InstanceWatch watch = new InstanceWatch(client, BenchObjects.OPERATOR_RUN);
        OperatorProcess operator = OperatorProcess.start(kube.kubeconfig(), threads, log)) {
      ProvisionProbe probe = new ProvisionProbe(client, watch, requests, probeNamespace);
      probe.run("warm-up", 1);
      ProvisionProbe.Probes before = probe.run("before", probes);
      OperatorProcess.Footprint idle = operator.footprint(out);

      RequestCounts start = requests.snapshot();
      long t0 = System.nanoTime();
      Parallel.run(tenants, threads, i -> broker.ensure(organization(i)));
      double created = (System.nanoTime() - t0) / 1e9;
      awaitCaughtUp(client, tenants + 1, Duration.ofSeconds(120 + tenants / 10));
      double caughtUp = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(SETTLE.toMillis());
      RequestCounts fleet = requests.snapshot().minus(start);
      OperatorProcess.Footprint loaded = operator.footprint(out);

      ProvisionProbe.Probes after = probe.run("after", probes);
      if (!operator.alive()) {
        throw new IllegalStateException("the operator process died: see " + log);
      }
      out.printf(
          Locale.ROOT,
          "tenants: %d tenant namespaces made by the broker's code in %.1f s (%.0f/s), the operator"
              + " caught up after %.1f s; operator RSS %.0f MiB before, %.0f MiB after; heap after"
              + " GC %.0f MiB before, %.0f MiB after%n",
          tenants,
          created,
          tenants / created,
          caughtUp,
          idle.rssMib(),
          loaded.rssMib(),
          idle.heapMib(),
          loaded.heapMib());
      Breakdown.print(out, "tenant namespace (broker + operator)", fleet, tenants);
      Breakdown.print(out, "probe provision->Ready, no fleet", before.requests(), probes);
      Breakdown.print(
          out, "probe provision->Ready, " + tenants + " tenants", after.requests(), probes);
      runs.addAll(after.against(before));
    }
    return List.of(Row.of("tenants", "1 provision @" + tenants + " ns / @0", 1, runs));
  }

  /** Until every tenant namespace has the operator's allow policy (its last write there). */
  private static void awaitCaughtUp(KubernetesClient client, int namespaces, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (client
            .network()
            .v1()
            .networkPolicies()
            .inAnyNamespace()
            .withField("metadata.name", TenantNetworkPolicies.ALLOW)
            .list()
            .getItems()
            .size()
        < namespaces) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the operator did not catch up with the tenant namespaces");
      }
      Thread.sleep(1000);
    }
  }

  private static String organization(int i) {
    return String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i + 1);
  }
}
