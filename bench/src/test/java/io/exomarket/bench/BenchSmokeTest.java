package io.exomarket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.testkit.env.KubeApi;
import io.exomarket.testkit.junit.ApiServerTier;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.kube.RealControlPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * CI-sized runs of {@code bench/run.sh}, so that the command cannot rot: they check that it runs
 * and prints its figures, never how fast (a shared CI machine times nothing reliably).
 */
class BenchSmokeTest {
  private static final int N = 20;

  @Test
  @ApiServerTier
  void everyBenchmarkRunsOnTheRealApiServerAndCountsRequests() throws Exception {
    if (RealControlPlane.binaryDir().isEmpty()) {
      String message = "no control-plane binaries under " + RealControlPlane.searchedLocation();
      if (Boolean.getBoolean("apiserver.required")) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    String printed = run("all", KubeApi.Kind.APISERVER);
    assertThat(printed)
        .contains("kube-apiserver")
        .contains("operator create->Ready:")
        .contains("PUT managedserviceinstances/status")
        .contains("adapter async pair:")
        .contains("one at a time, 20 of each, p50: OSB provision ")
        .contains("sync with the operator running (kubelet delay 0)")
        .contains("operator per instance-window (backlog, one report each):")
        .contains("operator per instance-window (one window each):");
  }

  @Test
  @ApiServerTier
  void theTenantAndInstanceFleetBenchmarksRunOnTheRealApiServer() throws Exception {
    Assumptions.assumeTrue(RealControlPlane.binaryDir().isPresent(), "no control-plane binaries");
    List<Row> rows = new ArrayList<>();
    String printed = printed(rows, "tenants", "fleet", "-n", "" + N);
    assertThat(printed)
        .contains(N + " tenant namespaces made by the broker's code")
        .contains("tenant namespace (broker + operator):")
        .contains("POST rolebindings")
        .contains("fleet: " + N + " instances in " + N + " namespaces")
        .contains("fleet instance create->Ready:")
        .contains("operator restarted with the " + N + " instances: idle after")
        .contains("a /metrics scrape with the " + N + " instances cached: ");
    assertThat(rows).extracting(Row::benchmark).containsExactly("tenants", "fleet");
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.runs()).isEqualTo(5);
              assertThat(r.oursSeconds()).isPositive();
              assertThat(r.bareSeconds()).isPositive();
              assertThat(r.oursRequests()).isPositive();
            });
  }

  @Test
  @ApiServerTier
  void theStartupBenchmarkRunsOnTheRealApiServer() throws Exception {
    Assumptions.assumeTrue(RealControlPlane.binaryDir().isPresent(), "no control-plane binaries");
    List<Row> rows = new ArrayList<>();
    String printed = printed(rows, "startup", "-n", "" + N);
    assertThat(printed)
        .contains("as in its pod (the exomarket-broker ServiceAccount's token, no kubeconfig)")
        .contains("BrokerMain's class-data-sharing archive: ")
        .contains("OperatorMain's class-data-sharing archive: ");
    assertThat(rows)
        .extracting(Row::measure)
        .containsExactly(
            "adapter start->/readyz",
            "adapter, C2 JIT as well",
            "adapter, no CDS archive",
            "catalog, C1 vs C2 (warm)",
            "operator start->/readyz",
            "operator, no CDS archive");
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.runs()).isEqualTo(3);
              assertThat(r.bareSeconds()).isPositive();
              if (r.measure().startsWith("catalog")) {
                // the image's JIT against both compilers: either may be faster on 400 requests
                assertThat(r.instances()).isEqualTo(20 * N);
                assertThat(r.oursSeconds()).isPositive();
              } else {
                assertThat(r.oursSeconds()).isGreaterThan(r.bareSeconds()); // above the JVM floor
              }
            });
  }

  @Test
  @MockApiTier
  void operatorBenchmarkRunsOnTheMock() throws Exception {
    String printed = run("operator", KubeApi.Kind.MOCK);
    assertThat(printed).contains("fabric8 mock server");
  }

  /**
   * Runs bench/run.sh's main with these arguments; what it printed (echoed), its rows into rows.
   */
  private static String printed(List<Row> rows, String... args) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      rows.addAll(BenchMain.run(BenchOptions.parse(args), out));
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    return printed;
  }

  private static String run(String benchmarks, KubeApi.Kind kube) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    List<Row> rows;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      rows =
          BenchMain.run(
              BenchOptions.parse(
                  benchmarks, "-n", "" + N, "--windows", "10", "--kube", kube.name()),
              out);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertThat(rows).extracting(Row::measure).startsWith("create->Ready", "delete->gone");
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.oursSeconds()).isPositive();
              assertThat(r.bareSeconds()).isPositive();
            });
    if (kube == KubeApi.Kind.APISERVER) {
      assertThat(rows).allSatisfy(r -> assertThat(r.oursRequests()).isPositive());
    }
    assertThat(printed).contains("bench     measure").contains("ratio");
    return printed;
  }
}
