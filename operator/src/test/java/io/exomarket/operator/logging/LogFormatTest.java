package io.exomarket.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The operator's logback.xml in a child JVM, as the process runs it: LOG_FORMAT selects the
 * encoder.
 */
class LogFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The child: two log lines through the production configuration. */
  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger("io.exomarket.operator.Probe");
    MDC.put("requestId", "req-42");
    log.info("instance {} is {}", "tenant/db", "Ready");
    MDC.clear();
    log.warn("second line", new IllegalStateException("boom"));
    LoggerFactory.getLogger("io.fabric8.Noise").info("filtered out at WARN");
  }

  private static List<String> run(String logFormat) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            LogFormatTest.class.getName());
    pb.environment().remove("LOG_FORMAT");
    if (logFormat != null) {
      pb.environment().put("LOG_FORMAT", logFormat);
    }
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void jsonLinesWithLogbacksJsonEncoder() throws Exception {
    List<String> lines = run("json");
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      events.add(JSON.readTree(line)); // every line is one JSON object, nothing else on stdout
    }
    assertThat(events).hasSize(2);
    JsonNode first = events.get(0);
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("loggerName").asText()).isEqualTo("io.exomarket.operator.Probe");
    assertThat(first.path("formattedMessage").asText()).isEqualTo("instance tenant/db is Ready");
    assertThat(first.path("mdc").path("requestId").asText()).isEqualTo("req-42");
    assertThat(first.path("timestamp").asLong()).isPositive();
    JsonNode second = events.get(1);
    assertThat(second.path("level").asText()).isEqualTo("WARN");
    assertThat(second.path("throwable").path("className").asText())
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void textByDefault() throws Exception {
    List<String> lines = run(null);
    assertThat(lines)
        .hasSize(4)
        .noneMatch(l -> l.contains("|-")); // no logback status; 2 lines + the stack trace
    assertThat(lines.get(0))
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .* - instance tenant/db is Ready");
    assertThat(lines.get(1)).contains("WARN").contains("second line");
  }
}
