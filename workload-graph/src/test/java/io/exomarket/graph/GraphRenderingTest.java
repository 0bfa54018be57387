package io.exomarket.graph;

import static io.exomarket.graph.Graphs.at;
import static io.exomarket.graph.Graphs.desired;
import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.graph.RenderedResource.Failed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphRenderingTest {

  private static Map<String, Object> renderOne(String template) {
    CompiledGraph graph =
        Graphs.valid("resources:\n  - id: cm\n    template:\n" + template.indent(6));
    return desired(GraphRenderer.render(graph, Graphs.inputs()), "cm");
  }

  @Test
  void aWholeExpressionKeepsItsType() {
    Map<String, Object> cm =
        renderOne(
            """
            apiVersion: v1
            kind: ConfigMap
            spec:
              replicas: ${plan.resources.replicas}
              ratio: ${double(plan.resources.replicas) / 4.0}
              exposed: ${plan.metadata.exposed}
              users: ${instance.spec.users}
              params: ${instance.spec.parameters}
              labels: '${ {"a": 1, "b": [true, null]} }'
              absent: ${null}
              unsigned: ${2u}
              bytes: ${b"hi"}
            """);
    assertThat(at(cm, "spec.replicas")).isEqualTo(2L);
    assertThat(at(cm, "spec.ratio")).isEqualTo(0.5);
    assertThat(at(cm, "spec.exposed")).isEqualTo(true);
    assertThat(at(cm, "spec.users")).isEqualTo(List.of(Map.of("email", "a@b.c", "role", "admin")));
    assertThat(at(cm, "spec.params"))
        .isEqualTo(Map.of("version", "16", "tuning", Map.of("workMem", "64MB")));
    assertThat(at(cm, "spec.labels"))
        .isEqualTo(Map.of("a", 1L, "b", java.util.Arrays.asList(true, null)));
    assertThat(Graphs.mapAt(cm, "spec")).doesNotContainKey("absent");
    assertThat(at(cm, "spec.unsigned")).isEqualTo(2L);
    assertThat(at(cm, "spec.bytes")).isEqualTo("aGk=");
  }

  @Test
  void textAroundExpressionsMakesAString() {
    Map<String, Object> cm =
        renderOne(
            """
            apiVersion: v1
            kind: ConfigMap
            data:
              host: ${instance.spec.instanceId}.db.example.com
              size: "${plan.resources.replicas} x ${plan.resources.cpu}"
              padded: " ${plan.resources.replicas}"
              json: "params=${instance.spec.parameters}"
              plain: no expression here
            """);
    assertThat(at(cm, "data.host")).isEqualTo("id-1.db.example.com");
    assertThat(at(cm, "data.size")).isEqualTo("2 x 500m");
    assertThat(at(cm, "data.padded")).isEqualTo(" 2");
    assertThat(at(cm, "data.json"))
        .isEqualTo("params={\"tuning\":{\"workMem\":\"64MB\"},\"version\":\"16\"}");
    assertThat(at(cm, "data.plain")).isEqualTo("no expression here");
  }

  @Test
  void bracesAndQuotesInsideExpressions() {
    Map<String, Object> cm =
        renderOne(
            """
            apiVersion: v1
            kind: ConfigMap
            data:
              map: 'x${ {"a": {"b": "}"}}.a.b }y'
              dollar: '${"${not a template}"}'
              quote: "${'it' + \\"'\\" + 's}'}"
              both: '${instance.name}-${ {"k": "v"}["k"] }'
            """);
    assertThat(at(cm, "data.map")).isEqualTo("x}y");
    assertThat(at(cm, "data.dollar")).isEqualTo("${not a template}");
    assertThat(at(cm, "data.quote")).isEqualTo("it's}");
    assertThat(at(cm, "data.both")).isEqualTo("db1-v");
  }

  @Test
  void optionalFieldsWithDefaults() {
    Map<String, Object> cm =
        renderOne(
            """
            apiVersion: v1
            kind: ConfigMap
            data:
              version: ${instance.spec.parameters.?version.orValue("15")}
              missing: ${instance.spec.parameters.?nothing.orValue("fallback")}
              nested: ${instance.spec.parameters.?tuning.?workMem.orValue("4MB")}
              maybe: ${instance.spec.parameters.?nothing}
              filtered: ${instance.spec.users.filter(u, u.role == "admin").map(u, u.email)}
              upper: ${instance.name.upperAscii()}
            """);
    assertThat(at(cm, "data.version")).isEqualTo("16");
    assertThat(at(cm, "data.missing")).isEqualTo("fallback");
    assertThat(at(cm, "data.nested")).isEqualTo("64MB");
    assertThat(Graphs.mapAt(cm, "data")).doesNotContainKey("maybe");
    assertThat(at(cm, "data.filtered")).isEqualTo(List.of("a@b.c"));
    assertThat(at(cm, "data.upper")).isEqualTo("DB1");
  }

  @Test
  void aMissingFieldFailsWithResourcePathAndExpression() {
    CompiledGraph graph =
        Graphs.valid(
            """
            resources:
              - id: app
                template:
                  apiVersion: apps/v1
                  kind: Deployment
                  spec:
                    template:
                      spec:
                        containers:
                          - name: app
                            image: "acme:${instance.spec.parameters.imageTag}"
            """);
    RenderedResource result =
        GraphRenderer.render(graph, Graphs.inputs()).resource("app").orElseThrow();
    assertThat(result).isInstanceOf(Failed.class);
    GraphProblem problem = ((Failed) result).problem();
    assertThat(problem.resourceId()).isEqualTo("app");
    assertThat(problem.path()).isEqualTo("template.spec.template.spec.containers[0].image");
    assertThat(problem.expression()).isEqualTo("instance.spec.parameters.imageTag");
    assertThat(problem.message()).contains("imageTag").doesNotContain("<input>");
    assertThat(problem.toString())
        .startsWith(
            "resource 'app' template.spec.template.spec.containers[0].image ${instance.spec.parameters.imageTag}: ");
  }

  @Test
  void metadataGetsTheInstanceNamespaceLabelsAndADefaultName() {
    Map<String, Object> cm =
        renderOne(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              labels: {team: db, app.kubernetes.io/managed-by: someone-else}
            """);
    assertThat(at(cm, "metadata.name")).isEqualTo("db1-cm");
    assertThat(at(cm, "metadata.namespace")).isEqualTo("ns1");
    assertThat(Graphs.mapAt(cm, "metadata.labels"))
        .containsEntry("team", "db")
        .containsEntry("app.kubernetes.io/managed-by", "exomarket-operator")
        .containsEntry("marketplace.exomarket.io/instance", "db1")
        .containsEntry("app.kubernetes.io/instance", "db1");
  }

  @Test
  void keysAreNotTemplated() {
    Map<String, Object> cm =
        renderOne(
            """
            apiVersion: v1
            kind: ConfigMap
            data:
              ${instance.name}: value
            """);
    assertThat(Graphs.mapAt(cm, "data")).containsOnlyKeys("${instance.name}");
  }

  @Test
  void functionsOfTheGraph() {
    Map<String, Object> cm =
        renderOne(
            """
            apiVersion: v1
            kind: ConfigMap
            data:
              json: '${toJson({"b": [1, 2.5, "x"], "a": null})}'
              random: ${randomString(40)}
              base64: ${base64.encode(bytes("admin"))}
              encoded: ${urlEncode("a b/c")}
            """);
    assertThat(at(cm, "data.json")).isEqualTo("{\"a\":null,\"b\":[1,2.5,\"x\"]}");
    assertThat((String) at(cm, "data.random")).hasSize(40).matches("[A-Za-z0-9_-]+");
    assertThat(at(cm, "data.base64")).isEqualTo("YWRtaW4=");
    assertThat(at(cm, "data.encoded")).isEqualTo("a%20b%2Fc");
  }

  @Test
  void renderingNeverCompiles() {
    CompiledGraph graph =
        Graphs.valid(
            "resources:\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, data: {a: '${instance.name}'}}\n");
    long compiled = io.exomarket.graph.cel.CelEnvironment.compiledExpressions();
    for (int i = 0; i < 20; i++) {
      GraphRenderer.render(graph, Graphs.inputs().withInstanceField("name", "db" + i));
      OutputRenderer.render(graph, Graphs.inputs());
    }
    assertThat(io.exomarket.graph.cel.CelEnvironment.compiledExpressions()).isEqualTo(compiled);
  }
}
