package io.exomarket.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.e2e.testing.Osb;
import io.exomarket.testkit.kube.MockApiServer;
import io.exomarket.testkit.kube.RealControlPlane;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.metering.MeteringSink;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Not part of the test run (no *Test name): measures the operator's and the broker's memory under
 * load with the JVM flags of deploy/base/*-deployment.yaml, to size those flags and limits.
 *
 * <pre>
 * mvn -B -ntp -pl e2e -am test -Dtest=MemoryFootprintMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dmemory.instances=300]
 * </pre>
 *
 * Each component runs in its own JVM (java -cp ... *Main, JAVA_TOOL_OPTIONS from its Deployment
 * plus -XX:NativeMemoryTracking=summary) against a real kube-apiserver when the control-plane
 * binaries exist (else the fabric8 mock), with metering (1-minute windows) and delivery notes on.
 * Load: N provisions through the OSB API (16 at a time), a user sync and a suspend for a third of
 * them, two metering windows, then N/2 deprovisions. Every 5 s it reads jcmd VM.native_memory
 * summary and VmRSS; it prints the peak committed memory per NMT category and checks the worst
 * case: every category but the heap at its peak (NMT's own bookkeeping excluded) plus the whole
 * -Xmx stays under 75% of the container limit, leaving a quarter for what NMT does not see (glibc
 * malloc arenas, more threads under a burst).
 */
class MemoryFootprintMeasurement {
  private static final Pattern CATEGORY =
      Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);
  private static final Pattern TOTAL =
      Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB", Pattern.MULTILINE);

  /** Peak committed KiB per NMT category, and peak RSS ("RSS"), of one process. */
  record Peaks(String name, Process process, Map<String, Long> kib) {}

  @Test
  void measure() throws Exception {
    int n = Integer.getInteger("memory.instances", 300);
    RealControlPlane plane =
        RealControlPlane.binaryDir().isPresent() ? RealControlPlane.start() : null;
    MockApiServer mock = plane == null ? MockApiServer.start(0) : null;
    KubernetesClient client = plane != null ? plane.adminClient() : mock.newClient();
    Path kubeconfig = Path.of("target", "memory-kubeconfig").toAbsolutePath();
    if (plane != null) {
      plane.writeKubeconfig(kubeconfig);
    } else {
      mock.writeKubeconfig(kubeconfig);
    }
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("sandbox-offering.yaml")) {
      client.resource(Serialization.unmarshal(in, ServiceOffering.class)).createOr(r -> r.update());
    }
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("exomarket-system")
                .endMetadata()
                .build())
        .createOr(r -> r.update());
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("exomarket-metering-credentials")
                .withNamespace("exomarket-system")
                .endMetadata()
                .addToStringData("key", "EXOmemkey")
                .addToStringData("secret", "mem-secret")
                .build())
        .createOr(r -> r.update());
    MeteringSink sink = MeteringSink.start(0, "EXOmemkey", "mem-secret");
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext(
        "/notes",
        x -> {
          x.getRequestBody().readAllBytes();
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    webhook.start();
    SimulatedKubelet kubelet = SimulatedKubelet.start(client, Duration.ofMillis(200));

    int operatorPort = E2eEnvironment.freePort();
    int brokerPort = E2eEnvironment.freePort();
    Map<String, String> operatorEnv =
        new HashMap<>(
            Map.of(
                "KUBECONFIG",
                kubeconfig.toString(),
                "OPERATOR_HTTP_PORT",
                Integer.toString(operatorPort),
                "RECONCILE_THREADS",
                "10",
                "LOG_FORMAT",
                "json",
                "POD_NAMESPACE",
                "exomarket-system",
                "METERING_ENDPOINT",
                sink.url().toString(),
                "METERING_PRODUCT",
                "acme-db",
                "METERING_SECRET_NAME",
                "exomarket-metering-credentials",
                "METERING_WINDOW_SECONDS",
                "60",
                "METERING_SETTLE_SECONDS",
                "5"));
    operatorEnv.put(
        "DELIVERY_WEBHOOK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/notes");
    Map<String, String> brokerEnv =
        Map.of(
            "KUBECONFIG",
            kubeconfig.toString(),
            "BROKER_HOST",
            "127.0.0.1",
            "BROKER_PORT",
            Integer.toString(brokerPort),
            "BROKER_USERNAME",
            "mem",
            "BROKER_PASSWORD",
            "mem-password",
            "BROKER_SYNC_TIMEOUT",
            "40s",
            "LOG_FORMAT",
            "json");
    Peaks operator = launch("operator", "io.exomarket.operator.OperatorMain", operatorEnv);
    Peaks broker = launch("broker", "io.exomarket.broker.BrokerMain", brokerEnv);
    ExecutorService sampler = Executors.newSingleThreadExecutor();
    Future<?> sampling =
        sampler.submit(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                sample(operator);
                sample(broker);
                try {
                  Thread.sleep(5000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    try {
      awaitUp("http://127.0.0.1:" + operatorPort + "/healthz");
      awaitUp("http://127.0.0.1:" + brokerPort + "/readyz");
      Osb osb = new Osb("http://127.0.0.1:" + brokerPort, "mem", "mem-password");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add(java.util.UUID.randomUUID().toString());
      }
      ExecutorService pool = Executors.newFixedThreadPool(16);
      long start = System.nanoTime();
      run(
          pool,
          ids,
          id ->
              osb.provision(
                      id,
                      Osb.provisionBody(
                          Osb.SMALL, java.util.UUID.randomUUID().toString(), "owner@acme.example"),
                      false)
                  .status());
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  client
                          .resources(ManagedServiceInstance.class)
                          .inAnyNamespace()
                          .list()
                          .getItems()
                          .stream()
                          .filter(
                              m ->
                                  m.getStatus() != null
                                      && m.getStatus().getState() == InstanceState.Ready)
                          .count()
                      >= n);
      System.out.printf(
          "%d instances Ready in %d s%n", n, (System.nanoTime() - start) / 1_000_000_000L);
      List<String> third = ids.subList(0, n / 3);
      run(
          pool,
          third,
          id ->
              osb.update(
                      id,
                      Osb.updateBody(Osb.SMALL, "owner@acme.example", "tech@acme.example"),
                      false)
                  .status());
      run(pool, third, id -> osb.update(id, Osb.updateBody(Osb.SUSPENDED), false).status());
      // Two metering windows: every instance reports usage.
      Thread.sleep(130_000);
      run(pool, ids.subList(n / 2, n), id -> osb.deprovision(id, Osb.SMALL, false).status());
      Thread.sleep(15_000);
      pool.shutdownNow();
    } finally {
      sampling.cancel(true);
      sampler.shutdownNow();
      sampler.awaitTermination(10, TimeUnit.SECONDS);
      operator.process().destroy();
      broker.process().destroy();
      operator.process().waitFor(60, TimeUnit.SECONDS);
      broker.process().waitFor(60, TimeUnit.SECONDS);
      kubelet.close();
      webhook.stop(0);
      sink.close();
      client.close();
      if (plane != null) plane.close();
      if (mock != null) mock.close();
    }
    StringBuilder report =
        new StringBuilder(
            "peak committed KiB (NMT) and peak RSS, "
                + n
                + " instances, "
                + (plane != null ? "kube-apiserver" : "fabric8 mock")
                + "\n");
    for (Peaks p : List.of(operator, broker)) {
      report.append(p.name()).append(" (").append(flags(p.name())).append(")\n");
      p.kib()
          .forEach(
              (k, v) ->
                  report.append(String.format("  %-28s %8d KiB  %6.1f MiB%n", k, v, v / 1024.0)));
    }
    System.out.println(report);
    Files.writeString(Path.of("target", "memory-footprint.txt"), report.toString());
    for (Peaks p : List.of(operator, broker)) {
      long limit = limitBytes(p.name()) / 1024;
      // The sum of each category's peak (they peak at different times): more than the peak total.
      long nonHeap =
          p.kib().entrySet().stream()
              .filter(
                  e ->
                      !List.of(
                              "Java Heap",
                              "Native Memory Tracking",
                              "Total (NMT)",
                              "RSS",
                              "threads (count)")
                          .contains(e.getKey()))
              .mapToLong(Map.Entry::getValue)
              .sum();
      long worst = nonHeap + maxHeapKib(flags(p.name()));
      System.out.printf(
          "%s: non-heap %d MiB + -Xmx = %d MiB of a %d MiB limit (%d%%)%n",
          p.name(), nonHeap / 1024, worst / 1024, limit / 1024, worst * 100 / limit);
      assertThat(worst)
          .as(p.name() + ": non-heap peak + -Xmx, KiB, vs 75% of the limit " + limit)
          .isLessThan(limit * 3 / 4);
    }
  }

  private static void run(
      ExecutorService pool, List<String> ids, java.util.function.ToIntFunction<String> call)
      throws Exception {
    List<Future<Integer>> all = new ArrayList<>();
    for (String id : ids) {
      all.add(pool.submit(() -> call.applyAsInt(id)));
    }
    for (Future<Integer> f : all) {
      assertThat(f.get(5, TimeUnit.MINUTES)).isBetween(200, 202);
    }
  }

  private static Container container(String component) {
    String file =
        component.equals("operator")
            ? "base/operator-deployment.yaml"
            : "base/broker-deployment.yaml";
    return DeployKit.ofType(DeployKit.parse(DeployKit.deploy().resolve(file)), Deployment.class)
        .get(0)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static String flags(String component) {
    return container(component).getEnv().stream()
        .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static long limitBytes(String component) {
    return Quantity.getAmountInBytes(container(component).getResources().getLimits().get("memory"))
        .longValue();
  }

  private static long maxHeapKib(String flags) {
    Matcher m = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(flags);
    assertThat(m.find()).as("an explicit -Xmx in " + flags).isTrue();
    long v = Long.parseLong(m.group(1));
    return m.group(2).equalsIgnoreCase("g") ? v * 1024 * 1024 : v * 1024;
  }

  private static Peaks launch(String name, String main, Map<String, String> env) throws Exception {
    String cp =
        Files.readString(Path.of(System.getProperty("e2e.classpath", "target/classpath.txt")))
            .trim();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:NativeMemoryTracking=summary",
            "-cp",
            cp,
            main);
    pb.environment().putAll(env);
    // As in the container: the Deployment's flags arrive through JAVA_TOOL_OPTIONS.
    pb.environment().put("JAVA_TOOL_OPTIONS", flags(name).replace("-Djava.io.tmpdir=/tmp", ""));
    Files.createDirectories(Path.of("target", "e2e-logs"));
    pb.redirectErrorStream(true)
        .redirectOutput(Path.of("target", "e2e-logs", "memory-" + name + ".log").toFile());
    return new Peaks(name, pb.start(), new ConcurrentHashMap<>());
  }

  private static void sample(Peaks p) {
    if (!p.process().isAlive()) {
      return;
    }
    try {
      Process jcmd =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  Long.toString(p.process().pid()),
                  "VM.native_memory",
                  "summary")
              .redirectErrorStream(true)
              .start();
      String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      Map<String, Long> now = new LinkedHashMap<>();
      Matcher total = TOTAL.matcher(out);
      if (total.find()) {
        now.put("Total (NMT)", Long.parseLong(total.group(2)));
      }
      Matcher m = CATEGORY.matcher(out);
      while (m.find()) {
        now.put(m.group(1).trim(), Long.parseLong(m.group(3)));
      }
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(p.process().pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          now.put("RSS", Long.parseLong(line.replaceAll("\\D", "")));
        }
        if (line.startsWith("Threads:")) {
          now.put("threads (count)", Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
      now.forEach((k, v) -> p.kib().merge(k, v, Math::max));
    } catch (Exception e) {
      // the process may be stopping
    }
  }

  private static void awaitUp(String url) {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }
}
