package io.exomarket.bench;

import io.exomarket.testkit.env.KubeApi;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The one entry point of {@code bench/run.sh}: runs the chosen benchmarks, prints one table. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    run(BenchOptions.parse(args), System.out);
    System.exit(0); // informers and HTTP clients of the libraries keep non-daemon threads
  }

  public static List<Row> run(BenchOptions options, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("exomarket-bench");
    List<Row> rows = new ArrayList<>();
    try (KubeApi kube = KubeApi.start(options.kube(), dir.resolve("kubeconfig"), 0)) {
      String header =
          String.format(
              "exomarket bench %s, %s; %d cores, load %s, Java %s, %s",
              options.benchmarks(),
              kube.description(),
              Runtime.getRuntime().availableProcessors(),
              load(),
              System.getProperty("java.version"),
              Instant.now());
      out.println(header);
      for (String benchmark : options.benchmarks()) {
        switch (benchmark) {
          case "operator" ->
              rows.addAll(
                  new OperatorBench(kube, options.threads(), out)
                      .run(options.instances(), options.runs()));
          case "adapter" ->
              rows.addAll(
                  new AdapterBench(kube, options.threads(), out)
                      .run(options.instances(), options.runs()));
          case "metering" ->
              rows.addAll(
                  new MeteringBench(kube, options.threads(), out)
                      .run(
                          Math.max(1, options.instances() / 10),
                          options.windows(),
                          options.instances()));
          case "tenants" ->
              rows.addAll(
                  new TenantsBench(kube, options.threads(), out)
                      .run(options.instances(), Math.max(5, options.runs())));
          case "fleet" ->
              rows.addAll(
                  new FleetBench(kube, options.threads(), out)
                      .run(options.instances(), Math.max(5, options.runs())));
          case "startup" ->
              rows.addAll(
                  new StartupBench(kube, out)
                      .run(Math.max(3, options.runs()), 20 * options.instances()));
          default -> throw new IllegalArgumentException(benchmark);
        }
      }
      Table.print(out, header + "; load at the end " + load(), rows);
    }
    return rows;
  }

  /** The 1-minute load average: benchmarks on a shared machine say how busy it was. */
  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
