package io.exomarket.e2e.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator or the adapter as a separate JVM, started from the e2e module's runtime classpath.
 */
public final class JavaProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static JavaProcess start(String name, String mainClass, Map<String, String> env) {
    try {
      String cp =
          Files.readString(Path.of(System.getProperty("e2e.classpath", "target/classpath.txt")))
              .trim();
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Xss512k",
                  "-Xmx512m",
                  "-cp",
                  cp,
                  mainClass));
      Path dir = Path.of("target", "e2e-logs");
      Files.createDirectories(dir);
      Path log = dir.resolve(name + "-" + System.currentTimeMillis() + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      return new JavaProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs. */
  public void kill9() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM: the process shuts down gracefully. */
  public void stop() {
    process.destroy();
    waitFor();
  }

  private void waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log.toAbsolutePath() + File.separator + ")";
  }
}
