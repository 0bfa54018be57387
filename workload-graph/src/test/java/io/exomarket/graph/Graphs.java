package io.exomarket.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.WorkloadTemplate;
import java.util.List;
import java.util.Map;

/** Inline graphs for tests: a workload in YAML, and small inputs. */
final class Graphs {
  private Graphs() {}

  static CompileResult compile(String workloadYaml) {
    return WorkloadGraphCompiler.compile(
        Samples.SERIALIZATION.unmarshal(workloadYaml, WorkloadTemplate.class));
  }

  static CompiledGraph valid(String workloadYaml) {
    CompileResult result = compile(workloadYaml);
    assertThat(result.problems()).isEmpty();
    return result.graph();
  }

  static List<GraphProblem> problems(String workloadYaml) {
    CompileResult result = compile(workloadYaml);
    assertThat(result.isValid()).isFalse();
    return result.problems();
  }

  /** instance db1 in ns1, plan small (2 replicas, exposed), offering acme. */
  static GraphInputs inputs() {
    return GraphInputs.of(
        Map.of(
            "name", "db1",
            "namespace", "ns1",
            "spec",
                Map.of(
                    "instanceId",
                    "id-1",
                    "suspended",
                    false,
                    "users",
                    List.of(Map.of("email", "a@b.c", "role", "admin")),
                    "parameters",
                    Map.of("version", "16", "tuning", Map.of("workMem", "64MB")))),
        Map.of(
            "id",
            "plan-small",
            "name",
            "small",
            "resources",
            Map.of("replicas", 2, "cpu", "500m", "memory", "1Gi", "storage", "10Gi"),
            "metadata",
            Map.of("exposed", true)),
        Map.of("name", "acme", "id", "svc-1", "metadata", Map.of()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> desired(GraphRender render, String id) {
    RenderedResource result = render.resource(id).orElseThrow();
    assertThat(result).as(id).isInstanceOf(RenderedResource.Desired.class);
    return ((RenderedResource.Desired) result).object();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapAt(Map<String, Object> object, String path) {
    return (Map<String, Object>) at(object, path);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }

  static Object at(Map<String, Object> object, String path) {
    return io.exomarket.graph.readiness.LiveFields.get(object, path).orElse(null);
  }
}
