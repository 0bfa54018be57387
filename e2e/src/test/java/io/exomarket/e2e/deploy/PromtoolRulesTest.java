package io.exomarket.e2e.deploy;

import static io.exomarket.e2e.deploy.DeployKit.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts of deploy/monitoring/prometheusrule.yaml through Prometheus' own rule engine: {@code
 * promtool check rules} and {@code promtool test rules} with
 * e2e/src/test/resources/deploy/alerts-test.yaml. The rules file promtool reads is the
 * PrometheusRule's spec.groups, written here: one hand-maintained copy only.
 *
 * <p>promtool comes from Debian's prometheus package (.ci/run installs it). Without it the tests
 * are skipped, loudly; with -Dpromtool.required=true (test.sh sets it when promtool is there) they
 * fail.
 */
class PromtoolRulesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final boolean REQUIRED = Boolean.getBoolean("promtool.required");
  private static Optional<Path> promtool;

  @TempDir static Path dir;

  @BeforeAll
  static void extractRules() throws IOException {
    promtool = DeployKit.onPath("promtool");
    if (promtool.isEmpty()) {
      String why =
          "promtool not found on PATH: the alert rules of deploy/monitoring are NOT tested "
              + "(apt-get install prometheus provides /usr/bin/promtool)";
      if (REQUIRED) {
        fail(why + " and -Dpromtool.required=true");
      }
      System.err.println("=".repeat(100) + "\nSKIPPED: " + why + "\n" + "=".repeat(100));
    }
    ObjectNode rules = YAML.createObjectNode();
    rules.set("groups", ruleResource().get("spec").get("groups"));
    YAML.writeValue(dir.resolve("rules.yaml").toFile(), rules);
    Files.copy(DeployKit.testResource("alerts-test.yaml"), dir.resolve("alerts-test.yaml"));
  }

  private static JsonNode ruleResource() throws IOException {
    return YAML.readTree(deploy().resolve("monitoring/prometheusrule.yaml").toFile());
  }

  @Test
  void rulesAreValid() throws Exception {
    String out = promtool("check", "rules", "rules.yaml");
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void ruleUnitTestsPass() throws Exception {
    String out = promtool("test", "rules", "alerts-test.yaml");
    assertThat(out).contains("SUCCESS");
  }

  /** Every alert has a test in which it fires: a new alert without a test fails here. */
  @Test
  void everyAlertHasAFiringTest() throws IOException {
    Set<String> alerts = new TreeSet<>();
    for (JsonNode group : ruleResource().get("spec").get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("alert")) {
          alerts.add(rule.get("alert").asText());
        }
      }
    }
    assertThat(alerts).hasSizeGreaterThan(10);
    Set<String> firing = new TreeSet<>();
    for (JsonNode test :
        YAML.readTree(DeployKit.testResource("alerts-test.yaml").toFile()).get("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        if (check.path("exp_alerts").size() > 0) {
          firing.add(check.get("alertname").asText());
        }
      }
    }
    Set<String> untested = new TreeSet<>(alerts);
    untested.removeAll(firing);
    assertThat(untested)
        .as("alerts without a promtool test in which they fire (alerts-test.yaml)")
        .isEmpty();
    Set<String> unknown = new TreeSet<>(firing);
    unknown.removeAll(alerts);
    assertThat(unknown).as("tests of alerts that do not exist").isEmpty();
  }

  private static String promtool(String... args) throws IOException, InterruptedException {
    assumeTrue(
        promtool.isPresent(),
        "promtool not found on PATH (apt-get install prometheus): alert rules not tested");
    List<String> command = new ArrayList<>(List.of(promtool.get().toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
