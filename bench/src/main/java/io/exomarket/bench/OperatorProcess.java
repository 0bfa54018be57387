package io.exomarket.bench;

import io.exomarket.operator.OperatorMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                // The image's JAVA_TOOL_OPTIONS (operator/Dockerfile), its heap made explicit: 50%
                // of the deployment's 1 GiB limit.
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-XX:MaxMetaspaceSize=160m",
                "-XX:ReservedCodeCacheSize=96m",
                "-XX:MaxDirectMemorySize=64m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                OperatorMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    builder
        .environment()
        .put("WATCH_LABEL_SELECTOR", BenchObjects.RUN_LABEL + "=" + BenchObjects.OPERATOR_RUN);
    builder.environment().put("RECONCILE_THREADS", Integer.toString(reconcileThreads));
    builder.environment().put("OPERATOR_HTTP_PORT", "0");
    builder.environment().put("LOG_LEVEL", "WARN");
    return new OperatorProcess(builder.start());
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

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
