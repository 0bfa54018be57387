package io.exomarket.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exomarket.api.v1alpha1.ResourceUpdatePolicy;
import io.exomarket.api.v1alpha1.WorkloadTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphCompilerTest {

  private static String resource(String id, String extra) {
    return "  - id: "
        + id
        + "\n    template: {apiVersion: v1, kind: ConfigMap"
        + (extra.isEmpty() ? "" : ", " + extra)
        + "}\n";
  }

  @Test
  void ordersByReferencesAndKeepsDeclarationOrderAmongIndependents() {
    CompiledGraph graph =
        Graphs.valid(
            "resources:\n"
                + resource("app", "data: {a: '${db.metadata.name}', b: '${config.metadata.name}'}")
                + resource("zeta", "")
                + resource("db", "data: {c: '${config.data.x}'}")
                + resource("config", "")
                + resource("alpha", ""));
    assertThat(graph.resources())
        .extracting(CompiledResource::id)
        .containsExactly("zeta", "config", "db", "app", "alpha");
    assertThat(graph.resource("app").orElseThrow().dependencies()).containsExactly("db", "config");
  }

  @Test
  void aCycleIsRejectedByName() {
    List<GraphProblem> problems =
        Graphs.problems(
            "resources:\n"
                + resource("free", "")
                + resource("a", "data: {x: '${b.metadata.name}'}")
                + resource("b", "data: {x: '${c.metadata.name}'}")
                + resource("c", "data: {x: '${a.metadata.name}'}"));
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("dependency cycle: a -> b -> c -> a");
              assertThat(p.resourceId()).isEqualTo("a");
            });
  }

  @Test
  void aTemplateReadingItselfIsACycle() {
    assertThat(Graphs.problems("resources:\n" + resource("a", "data: {x: '${a.metadata.name}'}")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("dependency cycle: a -> a"));
  }

  @Test
  void unknownIdentifiersAreNamed() {
    assertThat(
            Graphs.problems("resources:\n" + resource("a", "data: {x: '${databse.status.host}'}")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.resourceId()).isEqualTo("a");
              assertThat(p.path()).isEqualTo("template.data.x");
              assertThat(p.expression()).isEqualTo("databse.status.host");
              assertThat(p.message())
                  .isEqualTo("unknown identifier 'databse' (known: instance, plan, offering, a)");
            });
  }

  @Test
  void syntaxAndTypeErrorsAreReportedWithTheirExpression() {
    List<GraphProblem> problems =
        Graphs.problems(
            "resources:\n"
                + resource(
                    "a",
                    "data: {x: '${instance.name +}', y: '${1 + \"a\"}', z: 'open ${instance.name'}"));
    assertThat(problems)
        .extracting(GraphProblem::path)
        .containsExactly("template.data.x", "template.data.y", "template.data.z");
    assertThat(problems.get(1).message()).contains("no matching overload for '_+_'");
    assertThat(problems.get(2).message()).contains("unterminated ${");
  }

  @Test
  void idsMustBeIdentifiersUniqueAndNotReserved() {
    List<GraphProblem> problems =
        Graphs.problems(
            "resources:\n"
                + resource("plan", "")
                + resource("my-db", "")
                + resource("db", "")
                + resource("db", "")
                + resource("instance", "")
                + resource("offering", ""));
    assertThat(problems)
        .extracting(GraphProblem::message)
        .containsExactly(
            "'plan' is reserved (instance, plan and offering are inputs)",
            "the id must be a CEL identifier ([a-zA-Z_][a-zA-Z0-9_]*)",
            "the id 'db' is used by more than one resource",
            "'instance' is reserved (instance, plan and offering are inputs)",
            "'offering' is reserved (instance, plan and offering are inputs)");
  }

  @Test
  void templatesNeedAKindAnApiVersionAndNoNamespace() {
    List<GraphProblem> problems =
        Graphs.problems(
            """
            resources:
              - id: a
                template: {kind: ConfigMap}
              - id: b
                template: {apiVersion: v1, kind: '${plan.name}'}
              - id: c
                template: {apiVersion: v1, kind: ConfigMap, metadata: {namespace: other}}
            """);
    assertThat(problems)
        .extracting(p -> p.resourceId() + " " + p.path())
        .containsExactly(
            "a template.apiVersion", "b template.kind", "c template.metadata.namespace");
    assertThat(problems.get(2).message()).contains("instance's namespace");
  }

  @Test
  void namesMustDifferPerInstance() {
    List<GraphProblem> problems =
        Graphs.problems(
            "resources:\n"
                + resource("a", "metadata: {name: fixed}")
                + resource("b", "metadata: {name: '${plan.name}-b'}")
                + resource("c", "metadata: {name: '${instance.name}-c'}")
                + resource("d", "metadata: {name: '${c.metadata.name}-d'}")
                + resource("e", ""));
    assertThat(problems)
        .extracting(p -> p.resourceId() + " " + p.path())
        .containsExactly("a template.metadata.name", "b template.metadata.name");
    assertThat(problems.get(0).message()).contains("share a namespace");
  }

  @Test
  void includeWhenReadsOnlyTheInputs() {
    List<GraphProblem> problems =
        Graphs.problems(
            "resources:\n"
                + resource("db", "")
                + "  - id: ingress\n    includeWhen: ['db.metadata.name != \"\"']\n    template: {apiVersion: v1, kind: ConfigMap}\n");
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("includeWhen[0]");
              assertThat(p.message())
                  .isEqualTo("includeWhen may read only instance, plan, offering; it reads db");
            });
  }

  @Test
  void readyWhenReadsItsOwnObjectButNoOther() {
    String graph =
        "resources:\n"
            + resource("db", "")
            + "  - id: app\n    readyWhen: ['app.status.ok', 'db.status.ok']\n"
            + "    suspendedWhen: ['${app.status.replicas == 0}']\n"
            + "    template: {apiVersion: v1, kind: ConfigMap}\n";
    assertThat(Graphs.problems(graph))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("readyWhen[1]");
              assertThat(p.message())
                  .isEqualTo("readyWhen may read only instance, plan, offering, app; it reads db");
            });
  }

  @Test
  void conditionsMustBeBooleans() {
    assertThat(
            Graphs.problems(
                "resources:\n  - id: a\n    includeWhen: ['plan.name + \"x\"', 'plan.metadata.exposed']\n"
                    + "    template: {apiVersion: v1, kind: ConfigMap}\n"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("includeWhen[0]");
              assertThat(p.message())
                  .isEqualTo("includeWhen must be a boolean; the expression is string");
            });
  }

  @Test
  void exactlyOneOfImageOrResources() {
    WorkloadTemplate neither = new WorkloadTemplate();
    assertThat(WorkloadGraphCompiler.compile(neither).problems())
        .extracting(GraphProblem::message)
        .containsExactly("exactly one of image or resources must be given; neither is");
    CompileResult both = Graphs.compile("image: acme:1\nresources:\n" + resource("a", ""));
    assertThat(both.problems())
        .extracting(GraphProblem::message)
        .containsExactly("exactly one of image or resources must be given; both are");
    assertThatThrownBy(both::orElseThrow).hasMessageContaining("both are");
  }

  @Test
  void outputsCompileAndKnowWhatTheyRead() {
    CompiledGraph graph =
        Graphs.valid(
            "resources:\n"
                + resource("db", "")
                + "outputs:\n  dashboardUrl: https://${instance.spec.instanceId}.example.com\n"
                + "  endpoint: ${db.metadata.name}:5432\n  extra: {docs: https://docs.example.com}\n");
    assertThat(graph.outputs())
        .extracting(CompiledOutput::name)
        .containsExactly("dashboardUrl", "endpoint", "docs");
    assertThat(graph.output("dashboardUrl").orElseThrow().dependsOnlyOnInputs()).isTrue();
    assertThat(graph.output("endpoint").orElseThrow().dependsOnlyOnInputs()).isFalse();
    assertThat(graph.output("docs").orElseThrow().dependsOnlyOnInputs()).isTrue();
    assertThat(
            Graphs.problems(
                "resources:\n" + resource("db", "") + "outputs:\n  endpoint: ${nope.x}\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo("outputs.endpoint"));
  }

  @Test
  void policiesAndKindsAreKept() {
    CompiledGraph graph =
        Graphs.valid(
            "resources:\n  - id: creds\n    updatePolicy: CreateOnly\n    template: {apiVersion: v1, kind: Secret}\n"
                + "  - id: app\n    template: {apiVersion: apps/v1, kind: Deployment}\n");
    CompiledResource creds = graph.resource("creds").orElseThrow();
    assertThat(creds.updatePolicy()).isEqualTo(ResourceUpdatePolicy.CREATE_ONLY);
    assertThat(creds.group()).isEmpty();
    assertThat(graph.resource("app").orElseThrow().group()).isEqualTo("apps");
    assertThat(graph.resource("app").orElseThrow().kind()).isEqualTo("Deployment");
  }
}
