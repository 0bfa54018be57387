package io.exomarket.bench;

import io.exomarket.operator.OperatorMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator as its own process (the production main class, the image's JVM flags), so that its
 * CPU and RSS are its own; it only sees the instances labelled for the operator run.
 */
public final class OperatorProcess implements AutoCloseable {
  private final Process process;

  private OperatorProcess(Process process) {
    this.process = process;
  }

  public static OperatorProcess start(Path kubeconfig, int reconcileThreads, Path log)
      throws IOException {
    return start(kubeconfig, reconcileThreads, log, 0);
  }

  /**
   * @param httpPort the port of /readyz; 0 = any
   */
  public static OperatorProcess start(Path kubeconfig, int reconcileThreads, Path log, int httpPort)
      throws IOException {
    return start(
        kubeconfig,
        reconcileThreads,
        log,
        httpPort,
        BenchObjects.RUN_LABEL + "=" + BenchObjects.OPERATOR_RUN);
  }

  /**
   * @param watchSelector the instances it reconciles (WATCH_LABEL_SELECTOR); null = all
   */
  public static OperatorProcess start(
      Path kubeconfig, int reconcileThreads, Path log, int httpPort, String watchSelector)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The image's JAVA_TOOL_OPTIONS (operator/Dockerfile), its heap made explicit: 50%
                // of the deployment's 1 GiB limit (BENCH_OPERATOR_HEAP tries another).
                "-Xmx" + System.getenv().getOrDefault("BENCH_OPERATOR_HEAP", "512m"),
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-XX:MaxMetaspaceSize=160m",
                "-XX:ReservedCodeCacheSize=96m",
                "-XX:MaxDirectMemorySize=64m",
                "-XX:+ExitOnOutOfMemoryError"));
    String jfr = System.getenv("BENCH_JFR");
    if (jfr != null && !jfr.isBlank()) {
      // A flight recording of the operator's process, to see where its CPU goes.
      // Deep stacks: Jackson's recursion would cut the default 64 frames short of our code.
      command.add("-XX:FlightRecorderOptions=stackdepth=1024");
      command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), OperatorMain.class.getName()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    if (watchSelector != null) {
      builder.environment().put("WATCH_LABEL_SELECTOR", watchSelector);
    }
    builder.environment().put("RECONCILE_THREADS", Integer.toString(reconcileThreads));
    builder.environment().put("OPERATOR_HTTP_PORT", Integer.toString(httpPort));
    builder.environment().put("LOG_LEVEL", "WARN");
    return new OperatorProcess(builder.start());
  }

  /**
   * Waits until the process has used less than 5% of a core for two samples of 2 s in a row (its
   * start-up and catch-up are over); the seconds waited.
   */
  public double awaitIdle(Duration timeout) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long ticks = cpuTicks();
    int quiet = 0;
    while (quiet < 2) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the operator was still busy after " + timeout);
      }
      Thread.sleep(2000);
      long now = cpuTicks();
      // 100 ticks per second: under 10 ticks in 2 s is under 5% of a core.
      quiet = now - ticks < 10 ? quiet + 1 : 0;
      ticks = now;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** utime + stime of /proc/<pid>/stat, in clock ticks. */
  private long cpuTicks() throws IOException {
    if (!process.isAlive()) {
      // Its log says why (an OutOfMemoryError exits it: -XX:+ExitOnOutOfMemoryError).
      throw new IllegalStateException("the operator process exited with " + process.exitValue());
    }
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** RSS and heap after a full GC, in KiB (-1 when unknown). */
  public record Footprint(long rssKib, long heapAfterGcKib) {
    public double rssMib() {
      return rssKib / 1024.0;
    }

    public double heapMib() {
      return heapAfterGcKib / 1024.0;
    }
  }

  /** The process's footprint now; with {@code BENCH_HISTOGRAM} set, prints the heap's histogram. */
  public Footprint footprint(PrintStream out) {
    Footprint footprint = new Footprint(rssKib(), heapAfterGcKib());
    if (System.getenv("BENCH_HISTOGRAM") != null) {
      out.println(histogram(25));
    }
    return footprint;
  }

  /** VmRSS in KiB, -1 when unknown. */
  public long rssKib() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * The heap in use right after a full collection (what the caches really hold), in KiB; -1 when
   * the JDK's tools cannot tell. RSS keeps the heap's high-water mark, this does not.
   */
  public long heapAfterGcKib() {
    try {
      String pid = Long.toString(process.pid());
      tool("jcmd", pid, "GC.run");
      String[] lines = tool("jstat", "-gc", pid).trim().split("\\R");
      String[] names = lines[0].trim().split("\\s+");
      String[] values = lines[lines.length - 1].trim().split("\\s+");
      double used = 0;
      for (int i = 0; i < names.length; i++) {
        if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
          used += Double.parseDouble(values[i]);
        }
      }
      return (long) used;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The first lines of the heap's class histogram (live objects), for a look at what holds it. */
  public String histogram(int lines) {
    try {
      return tool("jcmd", Long.toString(process.pid()), "GC.class_histogram")
          .lines()
          .limit(lines + 3L)
          .collect(java.util.stream.Collectors.joining(System.lineSeparator()));
    } catch (IOException e) {
      return "no histogram: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no histogram";
    }
  }

  private static String tool(String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", name).toString());
    command.addAll(List.of(args));
    Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    tool.waitFor();
    return output;
  }

  /** CPU seconds the operator's process has used so far. */
  public double cpuSeconds() throws IOException {
    return cpuTicks() / 100.0; // 100 ticks per second, as in awaitIdle
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
