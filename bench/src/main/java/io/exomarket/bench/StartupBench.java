package io.exomarket.bench;

import io.exomarket.broker.BrokerMain;
import io.exomarket.operator.OperatorMain;
import io.exomarket.testkit.env.KubeApi;
import io.exomarket.testkit.kube.DeployRbac;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Start-up: process start to the first {@code /readyz} 200, for the adapter (BrokerMain) and the
 * operator (OperatorMain), each its own process with its image's JVM flags, against the same API
 * server; next to the JVM's own floor in the same run ({@code java -version} with the same flags).
 * Each maps the class-data-sharing archive its image build makes, and is timed without it too. The
 * adapter's image runs C1 only: it is also timed with both JIT compilers, and each of the two, once
 * ready, times the same warm catalog requests: the start-up gained next to the throughput it costs.
 */
public final class StartupBench {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  // The broker image's JAVA_TOOL_OPTIONS (broker-adapter/Dockerfile), its heap made explicit.
  private static final List<String> BROKER_FLAGS =
      List.of(
          "-Xmx384m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xss512k",
          "-XX:MaxMetaspaceSize=128m",
          "-XX:ReservedCodeCacheSize=96m",
          "-XX:MaxDirectMemorySize=64m");
  // The same with both JIT compilers, the JVM's default: the start-up and throughput it trades.
  private static final List<String> BROKER_FLAGS_C2 =
      BROKER_FLAGS.stream().filter(flag -> !flag.startsWith("-XX:TieredStopAtLevel")).toList();
  // The operator image's JAVA_TOOL_OPTIONS (operator/Dockerfile), its heap made explicit.
  private static final List<String> OPERATOR_FLAGS =
      List.of(
          "-Xmx512m",
          "-XX:+UseSerialGC",
          "-Xss512k",
          "-XX:MaxMetaspaceSize=160m",
          "-XX:ReservedCodeCacheSize=96m",
          "-XX:MaxDirectMemorySize=64m");

  private final KubeApi kube;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

  public StartupBench(KubeApi kube, PrintStream out) {
    this.kube = kube;
    this.out = out;
  }

  /**
   * {@code catalogRequests}: per run, the catalog requests (after as many untimed) that time the
   * adapter's warm throughput with the image's JIT flags against both compilers.
   */
  public List<Row> run(int runs, int catalogRequests) throws Exception {
    BenchObjects.installOffering(kube.client());
    Path log = Files.createTempFile("exomarket-bench-startup", ".log");
    out.printf("start-up log: %s%n", log);
    Map<String, String> brokerAccess = brokerAccess();
    // The images' class-data-sharing archives, made as the image builds make them (no API server).
    Path brokerJsa = train(BrokerMain.class, BROKER_FLAGS, log);
    List<String> brokerArchive = archived(BROKER_FLAGS, brokerJsa);
    List<String> brokerArchiveC2 = archived(BROKER_FLAGS_C2, brokerJsa);
    List<String> operatorArchive =
        archived(OPERATOR_FLAGS, train(OperatorMain.class, OPERATOR_FLAGS, log));
    List<Row.Run> adapter = new ArrayList<>();
    List<Row.Run> adapterC2 = new ArrayList<>();
    List<Row.Run> catalog = new ArrayList<>();
    List<Row.Run> plain = new ArrayList<>();
    List<Row.Run> operator = new ArrayList<>();
    List<Row.Run> operatorPlain = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      double floor = jvmFloor();
      Timed broker = brokerReady(brokerArchive, brokerAccess, log, catalogRequests);
      Timed brokerC2 = brokerReady(brokerArchiveC2, brokerAccess, log, catalogRequests);
      double withoutArchive = brokerReady(BROKER_FLAGS, brokerAccess, log, 0).ready();
      double op = operatorReady(operatorArchive, log);
      double opWithout = operatorReady(OPERATOR_FLAGS, log);
      out.printf(
          Locale.ROOT,
          "run %d: adapter %.2f s (%.2f s with C2 as well, %.2f s without the archive), operator"
              + " %.2f s (%.2f s without) to /readyz; JVM floor (java -version) %.2f s; %d warm"
              + " catalog requests %.2f s (%.2f s with C2 as well)%n",
          run + 1,
          broker.ready(),
          brokerC2.ready(),
          withoutArchive,
          op,
          opWithout,
          floor,
          catalogRequests,
          broker.catalog(),
          brokerC2.catalog());
      adapter.add(new Row.Run(broker.ready(), floor, Double.NaN, Double.NaN));
      adapterC2.add(new Row.Run(brokerC2.ready(), floor, Double.NaN, Double.NaN));
      catalog.add(new Row.Run(broker.catalog(), brokerC2.catalog(), Double.NaN, Double.NaN));
      plain.add(new Row.Run(withoutArchive, floor, Double.NaN, Double.NaN));
      operator.add(new Row.Run(op, floor, Double.NaN, Double.NaN));
      operatorPlain.add(new Row.Run(opWithout, floor, Double.NaN, Double.NaN));
    }
    return List.of(
        Row.of("startup", "adapter start->/readyz", 1, adapter),
        Row.of("startup", "adapter, C2 JIT as well", 1, adapterC2),
        Row.of("startup", "adapter, no CDS archive", 1, plain),
        Row.of("startup", "catalog, C1 vs C2 (warm)", catalogRequests, catalog),
        Row.of("startup", "operator start->/readyz", 1, operator),
        Row.of("startup", "operator, no CDS archive", 1, operatorPlain));
  }

  /** The flags that map the archive; a start that cannot map it fails, rather than being timed. */
  private static List<String> archived(List<String> flags, Path archive) {
    List<String> withArchive = new ArrayList<>(flags);
    withArchive.add("-XX:SharedArchiveFile=" + archive);
    withArchive.add("-Xshare:on");
    return withArchive;
  }

  /**
   * On a real API server the adapter authenticates as in its pod: the broker ServiceAccount's token
   * under the deploy kit's RBAC, no kubeconfig. The mock offers only the admin kubeconfig.
   */
  private Map<String, String> brokerAccess() {
    if (!kube.real()) {
      out.println("adapter: the admin kubeconfig (client certificate)");
      return PodAccess.kubeconfig(kube.kubeconfig());
    }
    DeployRbac.apply(kube.client(), "base/broker-rbac.yaml");
    out.println(
        "adapter: as in its pod (the exomarket-broker ServiceAccount's token, no kubeconfig)");
    return PodAccess.asPod(kube.kubeconfig(), DeployRbac.token(kube.client(), "exomarket-broker"));
  }

  /** The image build's training run (broker-adapter/Dockerfile, operator/Dockerfile). */
  private Path train(Class<?> main, List<String> flags, Path log) throws Exception {
    Path archive = Files.createTempFile("exomarket-" + main.getSimpleName(), ".jsa");
    Files.delete(archive);
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(flags);
    command.addAll(
        List.of(
            "-Xlog:cds=error",
            "-XX:ArchiveClassesAtExit=" + archive,
            "-cp",
            jarsOnly(),
            main.getName(),
            "--train-class-data-sharing"));
    Process training =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (training.waitFor() != 0 || !Files.exists(archive)) {
      throw new IllegalStateException("the class-data-sharing training failed; see " + log);
    }
    out.printf(
        "%s's class-data-sharing archive: %d KiB%n",
        main.getSimpleName(), Files.size(archive) / 1024);
    return archive;
  }

  private double jvmFloor() throws Exception {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(BROKER_FLAGS);
    command.add("-version");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Seconds to ready; then seconds for {@code catalogRequests} catalog requests, warm. */
  private record Timed(double ready, double catalog) {}

  private Timed brokerReady(
      List<String> flags, Map<String, String> access, Path log, int catalogRequests)
      throws Exception {
    double[] catalog = {Double.NaN};
    double ready =
        secondsToReady(
            BrokerMain.class,
            flags,
            log,
            (env, port) -> {
              env.remove("KUBECONFIG");
              env.putAll(access);
              env.put("BROKER_HOST", "127.0.0.1");
              env.put("BROKER_PORT", Integer.toString(port));
              env.put("BROKER_USERNAME", "bench");
              env.put("BROKER_PASSWORD", "bench-password");
            },
            port -> {
              if (catalogRequests > 0) {
                OsbCalls osb = new OsbCalls("http://127.0.0.1:" + port, "bench", "bench-password");
                osb.catalogs(catalogRequests, 10); // warm-up: the JIT's work, untimed
                catalog[0] = osb.catalogs(catalogRequests, 10);
              }
            });
    return new Timed(ready, catalog[0]);
  }

  /** The operator with the admin kubeconfig (as OperatorProcess runs it). */
  private double operatorReady(List<String> flags, Path log) throws Exception {
    return secondsToReady(
        OperatorMain.class,
        flags,
        log,
        (env, port) -> {
          env.put("KUBECONFIG", kube.kubeconfig().toString());
          env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
          env.put("WATCH_LABEL_SELECTOR", BenchObjects.RUN_LABEL + "=" + BenchObjects.OPERATOR_RUN);
          env.put("OPERATOR_HTTP_PORT", Integer.toString(port));
        },
        port -> {});
  }

  /** What to do with the ready process (its port) before it is stopped. */
  private interface WhenReady {
    void accept(int port) throws Exception;
  }

  /**
   * Starts {@code main} on the jars only with these flags; seconds until its /readyz is 200. The
   * process is stopped after {@code whenReady}.
   */
  private double secondsToReady(
      Class<?> main,
      List<String> flags,
      Path log,
      java.util.function.ObjIntConsumer<Map<String, String>> environment,
      WhenReady whenReady)
      throws Exception {
    int port = FreePort.loopback();
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(flags);
    command.addAll(List.of("-cp", jarsOnly(), main.getName()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    environment.accept(builder.environment(), port);
    builder.environment().put("LOG_LEVEL", "WARN");
    long t0 = System.nanoTime();
    Process process = builder.start();
    try {
      awaitReady(port, process);
      double seconds = (System.nanoTime() - t0) / 1e9;
      whenReady.accept(port);
      return seconds;
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private void awaitReady(int port, Process process) throws Exception {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofMillis(500))
            .build();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException("the process exited with " + process.exitValue());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the port opens during start-up
      }
      Thread.sleep(10);
    }
    throw new TimeoutException("/readyz did not answer 200 within " + TIMEOUT);
  }

  /**
   * The class path without its directories (the benchmark's own classes): as in the image, and
   * class-data sharing maps only jars.
   */
  private static String jarsOnly() {
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
