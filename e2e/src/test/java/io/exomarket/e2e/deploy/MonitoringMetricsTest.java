package io.exomarket.e2e.deploy;

import static io.exomarket.e2e.deploy.DeployKit.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.BrokerServer;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.DeliverySettings;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.client.ApiVariant;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.kube.MockApiServer;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.metering.MeteringSecret;
import io.exomarket.testkit.metering.MeteringSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric the alerts (deploy/monitoring/prometheusrule.yaml) and the dashboard
 * (grafana-dashboard.json) use is exported by the real components: the operator (metering and
 * delivery notes on, one Ready instance) on the fabric8 mock and the broker, both scraped on their
 * /metrics. A selector's label matchers must match a series that exists right after start: the
 * alerted label values are initialised, so the first increment is a change rate() and increase()
 * see.
 */
class MonitoringMetricsTest {
  /** Made by Prometheus for every target, not by the components. */
  private static final Set<String> SYNTHETIC = Set.of("up");

  /** Target labels the Prometheus Operator attaches (matchers on them are not about the code). */
  private static final Set<String> TARGET_LABELS =
      Set.of("job", "instance", "namespace", "service", "pod", "container");

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan",
          "atan2");

  private static MockApiServer kube;
  private static MeteringSink sink;
  private static SimulatedKubelet kubelet;
  private static ExomarketOperator operator;
  private static BrokerServer broker;

  /** Sample name -> label sets of its series, both scrapes. */
  private static final Map<String, List<Map<String, String>>> SERIES = new HashMap<>();

  /** Metric names declared by # TYPE, with the sample names their type implies. */
  private static final Set<String> DECLARED = new TreeSet<>();

  private static String operatorScrape;

  @BeforeAll
  static void startAndScrape() throws Exception {
    kube = MockApiServer.start();
    var client = kube.client();
    Fixtures.installOffering(client);
    Fixtures.namespace(client, "ops");
    Fixtures.namespace(client, "tenant");
    MeteringSecret.apply(client, "ops", "metering", "EXOtest", "s3cr3t");
    sink = MeteringSink.start(0, "EXOtest", "s3cr3t");
    kubelet = SimulatedKubelet.start(kube.newClient(), Duration.ofMillis(100));
    UsageSettings usage =
        new UsageSettings(
            sink.url(),
            ApiVariant.PARTNER,
            "acme-db",
            "ops",
            "metering",
            Duration.ofHours(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            Duration.ofHours(24),
            false,
            Duration.ofHours(6));
    // Nothing listens on the discard port: notes fail, which is fine, the metrics exist either way.
    DeliverySettings delivery = DeliverySettings.to(URI.create("http://127.0.0.1:9/notes"));
    operator =
        ExomarketOperator.start(
            kube.newClient(),
            OperatorConfig.defaults().withHttpPort(0).withUsage(usage).withDelivery(delivery));
    ManagedServiceInstance msi =
        client.resource(Fixtures.instance("tenant", "db", Fixtures.SMALL)).create();
    Awaits.awaitState(client, msi, InstanceState.Ready, Duration.ofSeconds(60));
    broker = BrokerServer.start(kube.newClient(), BrokerConfig.forTests("exo", "pw"));

    operatorScrape = scrape("http://127.0.0.1:" + operator.httpPort() + "/metrics");
    parse(operatorScrape);
    parse(scrape(broker.url() + "/metrics"));
  }

  @AfterAll
  static void stop() {
    if (broker != null) broker.close();
    if (operator != null) operator.close();
    if (kubelet != null) kubelet.close();
    if (sink != null) sink.close();
    if (kube != null) kube.close();
  }

  @Test
  void alertsAndDashboardUseOnlyExportedMetrics() throws IOException {
    Map<String, String> expressions = new LinkedHashMap<>();
    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(deploy().resolve("monitoring/prometheusrule.yaml").toFile());
    List<String> prose = new ArrayList<>();
    for (JsonNode group : rules.get("spec").get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        String name = rule.has("alert") ? rule.get("alert").asText() : rule.path("record").asText();
        expressions.put("alert " + name, rule.get("expr").asText());
        rule.path("annotations").forEach(a -> prose.add(a.asText()));
      }
    }
    JsonNode dashboard =
        new ObjectMapper().readTree(deploy().resolve("monitoring/grafana-dashboard.json").toFile());
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        expressions.put(
            "panel '" + panel.get("title").asText() + "' " + target.get("refId").asText(),
            target.get("expr").asText());
      }
    }
    assertThat(expressions).hasSizeGreaterThan(30);

    List<String> problems = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    expressions.forEach(
        (where, expr) -> {
          List<Selector> selectors = selectors(expr);
          if (selectors.isEmpty()) {
            problems.add(where + ": no metric found in " + expr);
          }
          for (Selector s : selectors) {
            used.add(s.metric());
            if (SYNTHETIC.contains(s.metric())) {
              continue;
            }
            if (!DECLARED.contains(s.metric()) && !SERIES.containsKey(s.metric())) {
              problems.add(where + ": " + s.metric() + " is not exported");
            } else if (!s.matchers().isEmpty()
                && SERIES.getOrDefault(s.metric(), List.of()).stream().noneMatch(s::matches)) {
              problems.add(
                  where
                      + ": no series of "
                      + s.metric()
                      + " matches "
                      + s.matchers()
                      + " after start (initialise the label values the query selects)");
            }
          }
        });
    // Metric names in the annotations (hints for the person paged) must exist too.
    Matcher m =
        Pattern.compile("\\b((?:exomarket|osb)_[a-z_]+)\\b").matcher(String.join("\n", prose));
    while (m.find()) {
      if (!DECLARED.contains(m.group(1)) && !SERIES.containsKey(m.group(1))) {
        problems.add("annotation names " + m.group(1) + ", which is not exported");
      }
    }
    assertThat(problems)
        .as("metrics used in deploy/monitoring vs. the components' /metrics")
        .isEmpty();
    assertThat(used)
        .contains(
            "exomarket_usage_reports_total",
            "exomarket_usage_reports_uncertain",
            "osb_request_errors_total",
            "osb_request_duration_seconds_count",
            "exomarket_delivery_notes_total",
            "jvm_memory_bytes_used");
  }

  /** The parser finds what it must, so that an empty result above is meaningful. */
  @Test
  void selectorParser() {
    assertThat(
            selectors(
                "histogram_quantile(0.99, sum by (le) (rate(osb_request_duration_seconds_bucket{endpoint=~\"/v2/.+\"}[10m]))) > 45"))
        .containsExactly(
            new Selector("osb_request_duration_seconds_bucket", Map.of("endpoint", "=~/v2/.+")));
    assertThat(
            selectors(
                "sum(rate(a_total[15m])) / clamp_min(sum(rate(b_count{x=\"1\",job=\"j\"}[15m])), 1e-9) > 0.05"))
        .extracting(Selector::metric)
        .containsExactly("a_total", "b_count");
    assertThat(
            selectors(
                "min_over_time(sum(exomarket_instances{state=~\"A|B\"})[1h:5m]) > 0 and on() absent(up{job=\"x\"} == 1)"))
        .extracting(Selector::metric)
        .containsExactly("exomarket_instances", "up");
    assertThat(
            selectors(
                "max by (msi) (lag_seconds) > 21600 or sum without (pod) (x) unless y offset 5m"))
        .extracting(Selector::metric)
        .containsExactly("lag_seconds", "x", "y");
    assertThat(
            new Selector("m", Map.of("result", "=rejected")).matches(Map.of("result", "rejected")))
        .isTrue();
    assertThat(
            new Selector("m", Map.of("result", "=~not_delivered|ambiguous"))
                .matches(Map.of("result", "delivered")))
        .isFalse();
  }

  @Test
  void theOperatorExportsJvmMetrics() {
    assertThat(operatorScrape)
        .contains(
            "jvm_memory_bytes_used{area=\"nonheap\",}",
            "jvm_memory_pool_bytes_used{pool=\"Metaspace\",}",
            "jvm_threads_current ",
            "jvm_buffer_pool_used_bytes{pool=\"direct\",}",
            "process_resident_memory_bytes ");
  }

  /** A series selector: metric name and label matchers (op + value, e.g. "=~5.."). */
  record Selector(String metric, Map<String, String> matchers) {
    boolean matches(Map<String, String> labels) {
      for (Map.Entry<String, String> e : matchers.entrySet()) {
        if (TARGET_LABELS.contains(e.getKey())) {
          continue;
        }
        String value = labels.getOrDefault(e.getKey(), "");
        String op =
            e.getValue().startsWith("=~")
                    || e.getValue().startsWith("!~")
                    || e.getValue().startsWith("!=")
                ? e.getValue().substring(0, 2)
                : "=";
        String wanted = e.getValue().substring(op.length());
        boolean ok =
            switch (op) {
              case "=" -> value.equals(wanted);
              case "!=" -> !value.equals(wanted);
              case "=~" -> value.matches(wanted);
              default -> !value.matches(wanted);
            };
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_]\\w*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * The series selectors of a PromQL expression, loosely: identifiers that are neither functions
   * (followed by "("), keywords, grouping labels (inside by/without/on/ignoring (...)), nor inside
   * strings, label braces or range brackets.
   */
  static List<Selector> selectors(String expr) {
    String s =
        expr.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\[[^\\]]*\\]", "");
    List<Selector> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
      } else if (c == '{') {
        i = s.indexOf('}', i) + 1;
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int j = i;
        while (j < s.length()
            && (Character.isLetterOrDigit(s.charAt(j))
                || s.charAt(j) == '_'
                || s.charAt(j) == ':')) {
          j++;
        }
        String ident = s.substring(i, j);
        boolean partOfNumber =
            i > 0 && (Character.isDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '.');
        int k = j;
        while (k < s.length() && s.charAt(k) == ' ') {
          k++;
        }
        boolean call = k < s.length() && s.charAt(k) == '(';
        Map<String, String> matchers = new LinkedHashMap<>();
        if (k < s.length() && s.charAt(k) == '{') {
          int end = s.indexOf('}', k);
          Matcher m = MATCHER.matcher(s.substring(k + 1, end));
          while (m.find()) {
            matchers.put(m.group(1), m.group(2) + m.group(3).replace("\\\\", "\\"));
          }
          j = end + 1;
        }
        if (!partOfNumber && !call && !KEYWORDS.contains(ident.toLowerCase())) {
          out.add(new Selector(ident, matchers));
        }
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  private static String scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{(.*)\\})? \\S+");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_]\\w*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Text exposition format 0.0.4: # TYPE lines and samples. */
  private static void parse(String text) {
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        String name = parts[2];
        DECLARED.add(name);
        if (parts[3].equals("histogram") || parts[3].equals("summary")) {
          DECLARED.addAll(List.of(name + "_count", name + "_sum"));
          if (parts[3].equals("histogram")) {
            DECLARED.add(name + "_bucket");
          }
        }
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.find()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
      SERIES.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(labels);
    }
  }
}
