package io.exomarket.operator.bench;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.OperatorMain;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.kube.MockApiServer;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates N instances against the fabric8 mock API server and measures the time until all are
 * Ready, next to the time a bare client takes for the same object writes on a fresh mock server in
 * the same run. The operator runs as its own process (the production main class), so its RSS is its
 * own. Usage: {@code e2e/bench/operator.sh [N]}.
 */
public final class OperatorBenchmark {
  private static final int WRITERS = 10;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    System.out.printf("operator benchmark: %d instances, 20 tenant namespaces%n", n);
    double baseline = bareClientSeconds(n);
    System.out.printf(
        "baseline  bare client, same writes (%d threads): %.2f s (%.0f instances/s)%n",
        WRITERS, baseline, n / baseline);
    double[] operator = operatorSeconds(n);
    System.out.printf(
        "operator  create -> all Ready:                  %.2f s (%.0f instances/s)%n",
        operator[0], n / operator[0]);
    System.out.printf(
        "ratio     operator / baseline:                 %.2f%n", operator[0] / baseline);
    System.out.printf("operator  RSS at the end: %.0f MiB%n", operator[1] / 1024.0);
  }

  /** The writes the operator makes per instance, done by a bare client. */
  private static double bareClientSeconds(int n) throws Exception {
    try (MockApiServer kube = MockApiServer.start()) {
      KubernetesClient client = kube.client();
      namespaces(client);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        done.add(pool.submit(() -> writeLikeTheOperator(client, index)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      return seconds;
    }
  }

  private static void writeLikeTheOperator(KubernetesClient client, int i) {
    String ns = namespace(i);
    String name = "db-" + i;
    ManagedServiceInstance msi =
        client.resource(Fixtures.instance(ns, name, Fixtures.SMALL)).create();
    msi =
        client
            .resource(msi)
            .edit(
                m -> {
                  m.getMetadata().setFinalizers(List.of("f"));
                  return m;
                });
    msi.setStatus(new io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus());
    msi.getStatus().setState(InstanceState.Provisioning);
    msi = client.resource(msi).updateStatus();
    var meta = Map.of("app.kubernetes.io/managed-by", "bench");
    client
        .resource(
            new ResourceQuotaBuilder()
                .withNewMetadata()
                .withName("q-" + i)
                .withNamespace(ns)
                .endMetadata()
                .build())
        .create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name + "-credentials")
                .withNamespace(ns)
                .withLabels(meta)
                .endMetadata()
                .build())
        .create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name + "-users")
                .withNamespace(ns)
                .withLabels(meta)
                .endMetadata()
                .build())
        .create();
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withLabels(meta)
                .endMetadata()
                .build())
        .create();
    client
        .resource(
            new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withLabels(meta)
                .endMetadata()
                .build())
        .create();
    client
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withLabels(meta)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .endSpec()
                .build())
        .create();
    msi.getStatus().setState(InstanceState.Ready);
    client.resource(msi).updateStatus();
  }

  /** Returns {seconds, operator RSS in KiB}. */
  private static double[] operatorSeconds(int n) throws Exception {
    try (MockApiServer kube = MockApiServer.start()) {
      KubernetesClient client = kube.client();
      Fixtures.installOffering(client);
      namespaces(client);
      Process operator = startOperatorProcess(kube.url());
      try (SimulatedKubelet kubelet = SimulatedKubelet.start(kube.newClient(), Duration.ZERO)) {
        // The operator is up once it has put its finalizer on a first instance.
        ManagedServiceInstance probe =
            client.resource(Fixtures.instance(namespace(0), "probe", Fixtures.SMALL)).create();
        Awaits.awaitState(client, probe, InstanceState.Ready, Duration.ofMinutes(2));
        List<ManagedServiceInstance> instances = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          instances.add(
              client.resource(Fixtures.instance(namespace(i), "db-" + i, Fixtures.SMALL)).create());
        }
        instances.add(probe);
        Awaits.awaitAll(client, instances, InstanceState.Ready, Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {seconds, rssKiB(operator.pid())};
      } finally {
        operator.destroy();
        operator.waitFor();
      }
    }
  }

  private static Process startOperatorProcess(String masterUrl) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                OperatorMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    Path.of(System.getProperty("java.io.tmpdir"), "exomarket-bench-operator.log")
                        .toFile()));
    builder.environment().put("KUBERNETES_MASTER", masterUrl);
    builder.environment().put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    builder.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    builder.environment().put("OPERATOR_HTTP_PORT", "0");
    builder.environment().put("LOG_LEVEL", "WARN");
    return builder.start();
  }

  private static long rssKiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static void namespaces(KubernetesClient client) {
    for (int t = 0; t < 20; t++) {
      Fixtures.namespace(client, "tenant-" + t);
    }
  }

  private static String namespace(int i) {
    return "tenant-" + (i % 20);
  }
}
