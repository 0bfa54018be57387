package io.exomarket.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputsTest {
  private static final String GRAPH =
      """
      resources:
        - id: db
          template: {apiVersion: example.com/v1, kind: Database}
          readyWhen: ['db.?status.?ready.orValue(false)']
      outputs:
        dashboardUrl: https://${urlEncode(instance.spec.instanceId)}.db.example.com/${offering.name}
        endpoint: ${db.status.host}:${db.status.port}
        extra:
          replicas: ${plan.resources.replicas}
          static: https://docs.example.com
      """;

  @Test
  void outputsOfTheInputsRenderBeforeAnyResourceExists() {
    CompiledGraph graph = Graphs.valid(GRAPH);
    RenderedOutputs outputs = OutputRenderer.render(graph, Graphs.inputs());
    assertThat(outputs.values())
        .containsExactly(
            Map.entry("dashboardUrl", "https://id-1.db.example.com/acme"),
            Map.entry("replicas", "2"),
            Map.entry("static", "https://docs.example.com"));
    assertThat(outputs.get("endpoint")).isEmpty();
    assertThat(outputs.problems()).isEmpty();
    assertThat(graph.outputs())
        .filteredOn(CompiledOutput::dependsOnlyOnInputs)
        .extracting(CompiledOutput::name)
        .containsExactly("dashboardUrl", "replicas", "static");
  }

  @Test
  void anOutputOfAResourceAppearsOnceItsFieldsDo() {
    CompiledGraph graph = Graphs.valid(GRAPH);
    GraphInputs creating = Graphs.inputs().withLive("db", Map.of("status", Map.of("ready", false)));
    RenderedOutputs early = OutputRenderer.render(graph, creating);
    assertThat(early.get("endpoint")).isEmpty();
    assertThat(early.problems()).as("not ready yet: a missing field is no problem").isEmpty();

    GraphInputs ready =
        Graphs.inputs()
            .withLive(
                "db", Map.of("status", Map.of("ready", true, "host", "db.ns1", "port", 5432)));
    assertThat(OutputRenderer.render(graph, ready).get("endpoint")).contains("db.ns1:5432");

    GraphInputs broken =
        Graphs.inputs().withLive("db", Map.of("status", Map.of("ready", true, "host", "db.ns1")));
    RenderedOutputs failed = OutputRenderer.render(graph, broken);
    assertThat(failed.get("endpoint")).isEmpty();
    assertThat(failed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("outputs.endpoint");
              assertThat(p.expression()).isEqualTo("db.status.port");
            });
  }
}
