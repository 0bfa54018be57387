package io.exomarket.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exomarket.api.v1alpha1.ServiceOffering;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphInputsTest {
  private static final ServiceOffering OFFERING =
      Samples.offering("deploy/samples/acme-db-graph.yaml");

  @Test
  void theInputsComeFromTheApiTypes() {
    GraphInputs inputs = Samples.inputs(OFFERING, "plan-large", true);
    assertThat(inputs.instance())
        .containsEntry("name", "sample-db")
        .containsEntry("namespace", Samples.NAMESPACE);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) inputs.instance().get("spec");
    assertThat(spec)
        .containsEntry("instanceId", Samples.INSTANCE_ID)
        .containsEntry("planId", "plan-large")
        .containsEntry("organization", Samples.ORGANIZATION)
        .containsEntry("suspended", true)
        .containsEntry("parameters", Map.of("version", "16"))
        .containsEntry(
            "users",
            List.of(
                Map.of("email", "alice@example.com", "fullName", "Alice Example", "role", "admin")))
        .containsEntry(
            "context",
            Map.of(
                "platform",
                "exoscale",
                "organizationName",
                "example-org",
                "organizationDisplayName",
                "Example Org"));
    assertThat(inputs.plan())
        .containsEntry("id", "plan-large")
        .containsEntry("name", "large")
        .containsEntry(
            "resources", Map.of("replicas", 2L, "cpu", "2", "memory", "4Gi", "storage", "50Gi"))
        .containsEntry("metadata", Map.of("exposed", true));
    assertThat(inputs.offering())
        .containsEntry("name", "acme-db")
        .containsEntry("id", "9f3a1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5b")
        .containsEntry("metadata", Map.of());
    ServiceOffering described = Samples.offering("deploy/samples/acme-db-graph.yaml");
    described
        .getSpec()
        .setMetadata(
            Samples.SERIALIZATION.convertValue(
                Map.of("displayName", "Acme DB", "tags", List.of(1)),
                com.fasterxml.jackson.databind.JsonNode.class));
    assertThat(
            GraphInputs.of(
                    Samples.instance("plan-small", false),
                    described.getSpec().getPlans().get(0),
                    described)
                .offering())
        .containsEntry("metadata", Map.of("displayName", "Acme DB", "tags", List.of(1L)));
  }

  @Test
  void optionalPartsDefaultToEmptyMaps() {
    var instance = Samples.instance("plan-small", false);
    instance.getSpec().setParameters(null);
    instance.getSpec().setContext(null);
    GraphInputs inputs =
        GraphInputs.of(instance, OFFERING.getSpec().plan("plan-small").orElseThrow(), OFFERING);
    assertThat(Graphs.cast(inputs.instance().get("spec")))
        .containsEntry("parameters", Map.of())
        .containsEntry("context", Map.of());
    assertThat(inputs.plan()).containsEntry("metadata", Map.of());
  }

  @Test
  void laterInstanceFieldsNeedNoEngineChange() {
    CompiledGraph graph =
        Graphs.valid(
            "resources:\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, data: {n: '${size(instance.bindings)}'}}\n");
    GraphInputs inputs =
        Graphs.inputs()
            .withInstanceField("bindings", List.of(Map.of("id", "b1"), Map.of("id", "b2")));
    assertThat(Graphs.desired(GraphRenderer.render(graph, inputs), "cm"))
        .containsEntry("data", Map.of("n", 2L));
  }

  @Test
  void liveObjectsAreKeptByIdAndMayNotShadowAnInput() {
    GraphInputs inputs =
        Graphs.inputs().withLive(Map.of("db", Map.of("status", Map.of("ready", 1))));
    assertThat(inputs.live("db")).contains(Map.of("status", Map.of("ready", 1L)));
    assertThat(inputs.withLive("db", null).live("db")).isEmpty();
    assertThatThrownBy(() -> inputs.withLive("plan", Map.of()))
        .hasMessageContaining("plan is an input");
  }
}
