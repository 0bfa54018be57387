package io.exomarket.graph;

import static io.exomarket.graph.Graphs.at;
import static io.exomarket.graph.Graphs.desired;
import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.template.DashboardUrls;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.WorkloadTemplate;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The legacy form through the default graph renders what the operator's dependents build today. */
class DefaultWorkloadTest {
  private static final ServiceOffering LEGACY =
      Samples.offering("operator/src/test/resources/sample-offering.yaml");

  /** Renders twice: the StatefulSet waits for the Secret, ConfigMap and Service to exist. */
  private static GraphRender renderToTheEnd(
      ServiceOffering offering, ManagedServiceInstance instance, String planId) {
    CompiledGraph graph = WorkloadGraphCompiler.compile(offering.getSpec()).orElseThrow();
    GraphInputs inputs =
        GraphInputs.of(instance, offering.getSpec().plan(planId).orElseThrow(), offering);
    GraphRender first = GraphRenderer.render(graph, inputs);
    for (RenderedResource.Desired created : first.only(RenderedResource.Desired.class)) {
      inputs = inputs.withLive(created.id(), created.object());
    }
    return GraphRenderer.render(graph, inputs);
  }

  @Test
  void theLegacyOfferingRendersTheObjectsOfTheDependents() throws Exception {
    ManagedServiceInstance instance = Samples.instance("plan-small", false);
    WorkloadTemplate workload = LEGACY.getSpec().getWorkload();
    PlanSpec plan = LEGACY.getSpec().plan("plan-small").orElseThrow();
    GraphRender render = renderToTheEnd(LEGACY, instance, "plan-small");
    assertThat(render.resources())
        .extracting(RenderedResource::id)
        .containsExactly("credentials", "users", "service", "isolation", "workload");

    Map<String, Object> secret = desired(render, "credentials");
    String password =
        new String(
            Base64.getDecoder().decode((String) at(secret, "data.password")),
            StandardCharsets.UTF_8);
    assertThat(password).matches("[A-Za-z0-9_-]{32}");
    assertThat(secret).isEqualTo(LegacyDependents.credentialsSecret(instance, password));
    assertThat(desired(render, "users")).isEqualTo(LegacyDependents.usersConfigMap(instance));
    assertThat(desired(render, "service")).isEqualTo(LegacyDependents.service(instance, workload));
    assertThat(desired(render, "isolation")).isEqualTo(LegacyDependents.networkPolicy(instance));

    // Today's StatefulSet, plus the Pod Security "restricted" hardening and the bindings volume
    // (none yet) the default graph adds.
    var expected =
        LegacyDependents.statefulSet(instance, workload, plan)
            .editSpec()
            .editTemplate()
            .editSpec()
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .editFirstContainer()
            .addNewEnv()
            .withName("SERVICE_BINDINGS_DIR")
            .withValue("/etc/exomarket-bindings")
            .endEnv()
            .addNewVolumeMount()
            .withName("bindings")
            .withMountPath("/etc/exomarket-bindings")
            .withReadOnly(true)
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("tmp")
            .withMountPath("/tmp")
            .endVolumeMount()
            .editSecurityContext()
            .withReadOnlyRootFilesystem(true)
            .withRunAsNonRoot(true)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .endContainer()
            .addNewVolume()
            .withName("bindings")
            .withNewProjected()
            .endProjected()
            .endVolume()
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Map<String, Object> expectedMap = LegacyDependents.map(expected);
    // No binding yet: an empty list of sources (the model serializes an empty list as absent).
    projectedOfBindings(expectedMap).put("sources", List.of());
    assertThat(desired(render, "workload")).isEqualTo(expectedMap);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> projectedOfBindings(Map<String, Object> statefulSet) {
    Map<String, Object> spec = (Map<String, Object>) statefulSet.get("spec");
    Map<String, Object> pod =
        (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    return ((List<Map<String, Object>>) pod.get("volumes"))
        .stream()
            .filter(v -> "bindings".equals(v.get("name")))
            .map(v -> (Map<String, Object>) v.get("projected"))
            .findFirst()
            .orElseThrow();
  }

  @Test
  void theStatefulSetFollowsThePlanAndSuspension() {
    StatefulSet large =
        typed(renderToTheEnd(LEGACY, Samples.instance("plan-large", false), "plan-large"));
    assertThat(large.getSpec().getReplicas()).isEqualTo(2);
    var container = large.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example.com/acme-db:1.4.2");
    assertThat(container.getResources().getLimits())
        .containsEntry("cpu", new io.fabric8.kubernetes.api.model.Quantity("2"));
    assertThat(container.getEnv())
        .extracting(e -> e.getName() + "=" + e.getValue())
        .startsWith(
            "DB_MODE=managed",
            "SERVICE_INSTANCE_ID=" + Samples.INSTANCE_ID,
            "SERVICE_PLAN_ID=plan-large");
    assertThat(
            large
                .getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage"))
        .isEqualTo(new io.fabric8.kubernetes.api.model.Quantity("50Gi"));

    StatefulSet suspended =
        typed(renderToTheEnd(LEGACY, Samples.instance("plan-large", true), "plan-large"));
    assertThat(suspended.getSpec().getReplicas()).isZero();
  }

  @Test
  void theDashboardUrlIsTheLegacyOneWithTheInstanceIdEncoded() {
    ManagedServiceInstance instance = Samples.instance("plan-small", false);
    instance.getSpec().setInstanceId("weird id/ü+1");
    WorkloadTemplate workload =
        Samples.offering("operator/src/test/resources/sample-offering.yaml")
            .getSpec()
            .getWorkload();
    workload.setDashboardUrlTemplate(
        "https://{instanceId}.example.com/{namespace}/{name}?org={organization}&x=${y}");
    CompiledGraph graph = WorkloadGraphCompiler.compile(workload).orElseThrow();
    GraphInputs inputs =
        GraphInputs.of(instance, LEGACY.getSpec().plan("plan-small").orElseThrow(), LEGACY);
    assertThat(graph.output("dashboardUrl").orElseThrow().dependsOnlyOnInputs()).isTrue();
    assertThat(OutputRenderer.render(graph, inputs).get("dashboardUrl"))
        .contains(
            DashboardUrls.render(
                workload.getDashboardUrlTemplate(),
                "weird id/ü+1",
                "sample-db",
                Samples.NAMESPACE,
                Samples.ORGANIZATION));
    workload.setDashboardUrlTemplate(null);
    assertThat(WorkloadGraphCompiler.compile(workload).orElseThrow().output("dashboardUrl"))
        .isEmpty();
  }

  @Test
  void theLiveBindingsAreMountedFromTheirOwnSecrets() {
    CompiledGraph graph = WorkloadGraphCompiler.compile(LEGACY.getSpec()).orElseThrow();
    GraphInputs inputs =
        Samples.inputs(LEGACY, "plan-small", false)
            .withBindings(
                List.of(
                    Map.of(
                        "name", "b-one",
                        "id", "1",
                        "secretName", "b-one-credentials",
                        "username", "b_one")));
    for (String id : List.of("credentials", "users", "service"))
      inputs = inputs.withLive(id, Map.of("metadata", Map.of("name", "x")));
    var volumes = typed(GraphRenderer.render(graph, inputs)).getSpec().getTemplate().getSpec();
    var sources =
        volumes.getVolumes().stream()
            .filter(v -> v.getName().equals("bindings"))
            .findFirst()
            .orElseThrow()
            .getProjected()
            .getSources();
    assertThat(sources).hasSize(1);
    assertThat(sources.get(0).getSecret().getName()).isEqualTo("b-one-credentials");
    assertThat(sources.get(0).getSecret().getItems())
        .extracting(i -> i.getKey() + "->" + i.getPath())
        .containsExactly("username->b-one/username", "password->b-one/password");
  }

  @Test
  void legacyValuesStayLiteralAndTheStorageClassIsUsed() {
    WorkloadTemplate workload =
        Samples.offering("operator/src/test/resources/sample-offering.yaml")
            .getSpec()
            .getWorkload();
    workload.setEnv(Map.of("GREETING", "hello ${USER} \"x\"\\"));
    workload.setStorageClass("fast-ssd");
    workload.setDataPath("/var/lib/acme");
    CompiledGraph graph = WorkloadGraphCompiler.compile(workload).orElseThrow();
    GraphInputs inputs = Samples.inputs(LEGACY, "plan-small", false);
    for (String id : List.of("credentials", "users", "service"))
      inputs = inputs.withLive(id, Map.of("metadata", Map.of("name", "x")));
    StatefulSet sts = typed(GraphRenderer.render(graph, inputs));
    assertThat(
            sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).getValue())
        .isEqualTo("hello ${USER} \"x\"\\");
    assertThat(sts.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName())
        .isEqualTo("fast-ssd");
    assertThat(
            sts.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getVolumeMounts()
                .get(0)
                .getMountPath())
        .isEqualTo("/var/lib/acme");
  }

  @Test
  void theCopyableSampleIsTheDefaultGraph() {
    ServiceOffering sample = Samples.offering("deploy/samples/default-workload.yaml");
    assertThat(sample.getSpec().getWorkload().getImage()).isNull();
    ManagedServiceInstance instance = Samples.instance("plan-small", false);
    GraphRender fromSample = renderToTheEnd(sample, instance, "plan-small");
    GraphRender fromLegacy = renderToTheEnd(LEGACY, instance, "plan-small");
    for (RenderedResource legacy : fromLegacy.resources()) {
      Map<String, Object> expected = ((RenderedResource.Desired) legacy).object();
      Map<String, Object> actual = desired(fromSample, legacy.id());
      if (legacy.id().equals("credentials")) {
        assertThat(at(actual, "data.username")).isEqualTo(at(expected, "data.username"));
      } else {
        assertThat(actual).as(legacy.id()).isEqualTo(expected);
      }
    }
    GraphInputs inputs = Samples.inputs(sample, "plan-small", false);
    CompiledGraph sampleGraph = WorkloadGraphCompiler.compile(sample.getSpec()).orElseThrow();
    CompiledGraph legacyGraph = WorkloadGraphCompiler.compile(LEGACY.getSpec()).orElseThrow();
    inputs = inputs.withLive("service", desired(fromSample, "service"));
    assertThat(OutputRenderer.render(sampleGraph, inputs))
        .isEqualTo(OutputRenderer.render(legacyGraph, inputs));
  }

  @Test
  void theWorkloadIsSuspendedOnceNoPodIsLeft() {
    CompiledResource workload =
        WorkloadGraphCompiler.compile(LEGACY.getSpec())
            .orElseThrow()
            .resource("workload")
            .orElseThrow();
    GraphInputs inputs = Samples.inputs(LEGACY, "plan-small", true);
    String stopping =
        "metadata: {name: sample-db, generation: 4}\nspec: {replicas: 0}\nstatus: {observedGeneration: 4, replicas: 1}";
    assertThat(Readiness.isSuspended(workload, inputs.withLive("workload", Samples.yaml(stopping))))
        .isFalse();
    assertThat(
            Readiness.isSuspended(
                workload,
                inputs.withLive(
                    "workload", Samples.yaml(stopping.replace("replicas: 1", "replicas: 0")))))
        .isTrue();
    assertThat(
            Readiness.isReady(
                workload,
                inputs.withLive(
                    "workload", Samples.yaml(stopping.replace("replicas: 1", "replicas: 0")))))
        .as("the StatefulSet default: at zero replicas ready once no pod is left")
        .isTrue();
  }

  private static StatefulSet typed(GraphRender render) {
    return Samples.SERIALIZATION.convertValue(desired(render, "workload"), StatefulSet.class);
  }
}
