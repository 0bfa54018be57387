package io.exomarket.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.graph.RenderedResource.Desired;
import io.exomarket.graph.RenderedResource.Excluded;
import io.exomarket.graph.RenderedResource.Failed;
import io.exomarket.graph.RenderedResource.Waiting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a render progresses with the live objects: exclusion, waiting, readiness and suspension. */
class GraphProgressTest {
  private static final String GRAPH =
      """
      resources:
        - id: db
          template:
            apiVersion: example.com/v1
            kind: Database
            spec: {size: '${plan.resources.storage}'}
          readyWhen:
            - db.?status.?endpoint.orValue("") != ""
          suspendedWhen:
            - db.?status.?phase.orValue("") == "Paused"
        - id: app
          template:
            apiVersion: v1
            kind: ConfigMap
            data: {url: 'postgres://${db.status.endpoint}/app'}
        - id: ingress
          includeWhen: ['plan.metadata.?exposed.orValue(false)']
          template: {apiVersion: networking.k8s.io/v1, kind: Ingress}
        - id: ingressConfig
          template:
            apiVersion: v1
            kind: ConfigMap
            data: {host: '${ingress.metadata.name}', url: '${app.data.url}'}
      """;

  private static Map<String, Object> live(String status) {
    return Samples.yaml(
        "apiVersion: example.com/v1\nkind: Database\nmetadata: {name: db1-db}\nstatus: " + status);
  }

  @Test
  void dependentsWaitUntilWhatTheyReadExistsAndIsReady() {
    CompiledGraph graph = Graphs.valid(GRAPH);
    GraphInputs inputs = Graphs.inputs();

    GraphRender first = GraphRenderer.render(graph, inputs);
    assertThat(first.resource("db").orElseThrow()).isInstanceOf(Desired.class);
    assertThat(first.resource("app").orElseThrow())
        .isInstanceOfSatisfying(
            Waiting.class,
            w -> {
              assertThat(w.waitingFor()).containsExactly("db");
              assertThat(w.reason()).isEqualTo("waiting for db: does not exist yet");
            });
    assertThat(first.resource("ingressConfig").orElseThrow())
        .isInstanceOfSatisfying(
            Waiting.class,
            w ->
                assertThat(w.waitingFor())
                    .as("declaration order")
                    .containsExactly("app", "ingress"));

    GraphRender notReady = GraphRenderer.render(graph, inputs.withLive("db", live("{}")));
    assertThat(notReady.resource("app").orElseThrow())
        .isInstanceOfSatisfying(
            Waiting.class, w -> assertThat(w.reason()).contains("readyWhen[0] is false"));

    GraphRender ready =
        GraphRenderer.render(graph, inputs.withLive("db", live("{endpoint: db.ns1:5432}")));
    assertThat(Graphs.desired(ready, "app"))
        .containsEntry("data", Map.of("url", "postgres://db.ns1:5432/app"));
  }

  @Test
  void aFalseIncludeWhenExcludesTheResourceAndWhatReadsIt() {
    CompiledGraph graph = Graphs.valid(GRAPH);
    GraphInputs exposed = Graphs.inputs();
    GraphInputs hidden =
        GraphInputs.of(
            exposed.instance(),
            Map.of("id", "p", "resources", Map.of("storage", "1Gi"), "metadata", Map.of()),
            exposed.offering());
    GraphRender render = GraphRenderer.render(graph, hidden);
    assertThat(render.resource("ingress").orElseThrow())
        .isInstanceOfSatisfying(
            Excluded.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo("includeWhen[0] is false: plan.metadata.?exposed.orValue(false)"));
    assertThat(render.resource("ingressConfig").orElseThrow())
        .isInstanceOfSatisfying(
            Excluded.class,
            e -> assertThat(e.reason()).isEqualTo("it reads ingress, which is excluded"));
    assertThat(render.only(Excluded.class))
        .extracting(RenderedResource::id)
        .containsExactly("ingress", "ingressConfig");
  }

  @Test
  void dependentsOfAFailedResourceWait() {
    CompiledGraph graph =
        Graphs.valid(
            """
            resources:
              - id: broken
                template: {apiVersion: v1, kind: ConfigMap, data: {x: '${instance.spec.nothing}'}}
              - id: after
                template: {apiVersion: v1, kind: ConfigMap, data: {x: '${broken.data.x}'}}
              - id: badCondition
                includeWhen: ['instance.spec.nothing == 1']
                template: {apiVersion: v1, kind: ConfigMap}
            """);
    GraphRender render = GraphRenderer.render(graph, Graphs.inputs());
    assertThat(render.resource("broken").orElseThrow()).isInstanceOf(Failed.class);
    assertThat(render.resource("after").orElseThrow())
        .isInstanceOfSatisfying(
            Waiting.class, w -> assertThat(w.reason()).isEqualTo("waiting for broken: it failed"));
    assertThat(render.problems())
        .extracting(GraphProblem::resourceId)
        .containsExactly("broken", "badCondition");
    assertThat(render.problems().get(1).path()).isEqualTo("includeWhen[0]");
  }

  @Test
  void theGraphIsReadyWhenEveryIncludedResourceIs() {
    CompiledGraph graph = Graphs.valid(GRAPH);
    GraphInputs inputs = Graphs.inputs().withLive("db", live("{endpoint: db.ns1:5432}"));
    GraphRender render = GraphRenderer.render(graph, inputs);
    GraphStatus partial = GraphStatus.of(graph, render, inputs);
    assertThat(partial.ready()).isFalse();
    assertThat(partial.notReady())
        .containsExactly(
            "app: does not exist yet",
            "ingress: does not exist yet",
            "ingressConfig: waiting for app: does not exist yet; ingress: does not exist yet");

    for (String id : List.of("app", "ingress"))
      inputs = inputs.withLive(id, Graphs.desired(render, id));
    render = GraphRenderer.render(graph, inputs);
    inputs = inputs.withLive("ingressConfig", Graphs.desired(render, "ingressConfig"));
    GraphStatus done = GraphStatus.of(graph, GraphRenderer.render(graph, inputs), inputs);
    assertThat(done.ready()).isTrue();
    assertThat(done.notReady()).isEmpty();
    assertThat(done.suspended()).isFalse();
    assertThat(done.notSuspended())
        .containsExactly(
            "db: suspendedWhen[0] is false: db.?status.?phase.orValue(\"\") == \"Paused\"");
  }

  @Test
  void suspendedWhenDecidesPerResourceAndDefaultsToTrue() {
    CompiledGraph graph = Graphs.valid(GRAPH);
    CompiledResource db = graph.resource("db").orElseThrow();
    CompiledResource app = graph.resource("app").orElseThrow();
    GraphInputs inputs = Graphs.inputs();
    assertThat(Readiness.suspended(db, inputs).reason()).isEqualTo("does not exist");
    assertThat(Readiness.isSuspended(db, inputs.withLive("db", live("{phase: Running}"))))
        .isFalse();
    assertThat(Readiness.isSuspended(db, inputs.withLive("db", live("{phase: Paused}")))).isTrue();
    assertThat(Readiness.isSuspended(app, inputs.withLive("app", Map.of("data", Map.of()))))
        .isTrue();
  }

  @Test
  void aReadyWhenThatFailsMeansNotReadyWithTheReason() {
    CompiledGraph graph =
        Graphs.valid(
            "resources:\n  - id: db\n    readyWhen: ['db.status.ready']\n    template: {apiVersion: v1, kind: ConfigMap}\n");
    Readiness.Verdict verdict =
        Readiness.ready(
            graph.resource("db").orElseThrow(),
            Graphs.inputs().withLive("db", Map.of("metadata", Map.of())));
    assertThat(verdict.satisfied()).isFalse();
    assertThat(verdict.reason())
        .startsWith("readyWhen[0] failed: db.status.ready: ")
        .contains("status");
  }

  @Test
  void whileSuspendedWhatReadsASuspendedResourceRendersAndCanBeSuspendedInTurn() {
    CompiledGraph graph =
        Graphs.valid(
            """
            resources:
              - id: db
                readyWhen: ['db.?status.?phase.orValue("") == "Running"']
                suspendedWhen: ['db.?status.?phase.orValue("") == "Hibernated"']
                template: {apiVersion: v1, kind: ConfigMap}
              - id: backup
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  data: {cluster: '${db.metadata.name}', suspend: '${string(instance.spec.suspended)}'}
            """);
    Map<String, Object> hibernated =
        Map.of("metadata", Map.of("name", "db1-db"), "status", Map.of("phase", "Hibernated"));
    GraphInputs running = Graphs.inputs().withLive("db", hibernated);
    assertThat(GraphRenderer.render(graph, running).resource("backup").orElseThrow())
        .as("not suspended: a hibernated database is not ready, so its backup waits")
        .isInstanceOf(Waiting.class);

    GraphInputs suspended = running.withInstanceField("spec", suspendedSpec(running));
    GraphRender render = GraphRenderer.render(graph, suspended);
    assertThat(Graphs.desired(render, "backup"))
        .extracting("data")
        .isEqualTo(Map.of("cluster", "db1-db", "suspend", "true"));
    GraphInputs withBackup = suspended.withLive("backup", Graphs.desired(render, "backup"));
    assertThat(
            GraphStatus.of(graph, GraphRenderer.render(graph, withBackup), withBackup).suspended())
        .isTrue();
  }

  private static Map<String, Object> suspendedSpec(GraphInputs inputs) {
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        new java.util.LinkedHashMap<>((Map<String, Object>) inputs.instance().get("spec"));
    spec.put("suspended", true);
    return spec;
  }
}
