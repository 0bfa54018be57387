package io.exomarket.graph;

import static io.exomarket.graph.Graphs.at;
import static io.exomarket.graph.Graphs.desired;
import static io.exomarket.graph.Graphs.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.ServiceOffering;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The graph samples under deploy/samples compile and render for a sample instance. */
class SampleOfferingsTest {
  private static final ServiceOffering ACME = Samples.offering("deploy/samples/acme-db-graph.yaml");
  private static final ServiceOffering CNPG = Samples.offering("deploy/samples/cnpg-postgres.yaml");

  @Test
  void acmeDbGraphLetsTheIngressControllerInOnlyOnExposedPlans() {
    CompiledGraph graph = WorkloadGraphCompiler.compile(ACME.getSpec()).orElseThrow();
    assertThat(
            GraphRenderer.render(graph, Samples.inputs(ACME, "plan-small", false))
                .resource("fromIngress")
                .orElseThrow())
        .isInstanceOf(RenderedResource.Excluded.class);
    Map<String, Object> policy =
        desired(
            GraphRenderer.render(graph, Samples.inputs(ACME, "plan-large", false)), "fromIngress");
    assertThat(mapAt(policy, "spec.podSelector.matchLabels"))
        .containsEntry("marketplace.exomarket.io/instance", "sample-db");
    assertThat(String.valueOf(mapAt(policy, "spec").get("ingress")))
        .contains("kubernetes.io/metadata.name=ingress-nginx");
  }

  @Test
  void acmeDbGraphHasTheSandboxPlansAndAnIngressOnlyOnExposedPlans() {
    ServiceOffering sandbox = Samples.offering("testkit/src/main/resources/offerings/acme-db.yaml");
    assertThat(ACME.getSpec().getPlans())
        .extracting(p -> p.getId() + " " + p.getMeters().size())
        .isEqualTo(
            sandbox.getSpec().getPlans().stream()
                .map(p -> p.getId() + " " + p.getMeters().size())
                .toList());
    CompiledGraph graph = WorkloadGraphCompiler.compile(ACME.getSpec()).orElseThrow();

    GraphRender small = GraphRenderer.render(graph, Samples.inputs(ACME, "plan-small", false));
    assertThat(small.resource("ingress").orElseThrow())
        .isInstanceOf(RenderedResource.Excluded.class);

    GraphInputs large = Samples.inputs(ACME, "plan-large", false);
    GraphRender first = GraphRenderer.render(graph, large);
    assertThat(first.resource("ingress").orElseThrow())
        .as("it reads the Service")
        .isInstanceOf(RenderedResource.Waiting.class);
    large = large.withLive("service", desired(first, "service"));
    Ingress ingress =
        Samples.SERIALIZATION.convertValue(
            desired(GraphRenderer.render(graph, large), "ingress"), Ingress.class);
    String host = Samples.INSTANCE_ID + ".db.example.com";
    assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo(host);
    assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly(host);
    assertThat(
            ingress
                .getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService()
                .getName())
        .isEqualTo("sample-db");

    assertThat(OutputRenderer.render(graph, large).values())
        .as("no dashboard before the Ingress exists")
        .containsOnlyKeys("endpoint");
    GraphInputs withIngress =
        large.withLive("ingress", Samples.SERIALIZATION.convertValue(ingress, Map.class));
    assertThat(OutputRenderer.render(graph, withIngress).values())
        .containsExactly(
            Map.entry("dashboardUrl", "https://" + host),
            Map.entry("endpoint", "sample-db." + Samples.NAMESPACE + ".svc:5432"));
  }

  @Test
  void cnpgClusterIsSizedByThePlanAndHibernatedWhileSuspended() {
    CompiledGraph graph = WorkloadGraphCompiler.compile(CNPG.getSpec()).orElseThrow();
    assertThat(graph.resources())
        .extracting(CompiledResource::id)
        .containsExactly("cluster", "backup", "isolation");
    Map<String, Object> cluster =
        desired(GraphRenderer.render(graph, Samples.inputs(CNPG, "pg-ha", false)), "cluster");
    assertThat(at(cluster, "apiVersion")).isEqualTo("postgresql.cnpg.io/v1");
    assertThat(at(cluster, "spec.instances")).isEqualTo(3L);
    assertThat(at(cluster, "spec.storage.size")).isEqualTo("100Gi");
    assertThat(at(cluster, "spec.enablePDB")).isEqualTo(true);
    assertThat(at(cluster, "spec.imageName")).isEqualTo("ghcr.io/cloudnative-pg/postgresql:16");
    assertThat(Graphs.mapAt(cluster, "metadata.annotations"))
        .containsEntry("cnpg.io/hibernation", "off");

    Map<String, Object> hibernated =
        desired(GraphRenderer.render(graph, Samples.inputs(CNPG, "pg-ha", true)), "cluster");
    assertThat(Graphs.mapAt(hibernated, "metadata.annotations"))
        .containsEntry("cnpg.io/hibernation", "on");
  }

  @Test
  void cnpgBackupWaitsForAReadyClusterAndTheEndpointForItsStatus() {
    CompiledGraph graph = WorkloadGraphCompiler.compile(CNPG.getSpec()).orElseThrow();
    CompiledResource cluster = graph.resource("cluster").orElseThrow();
    GraphInputs inputs = Samples.inputs(CNPG, "pg-single", false);
    Map<String, Object> created = desired(GraphRenderer.render(graph, inputs), "cluster");

    // What CloudNativePG writes, in order: phase and instances first, then Ready and the services.
    inputs =
        inputs.withLive(
            "cluster",
            withStatus(created, "{instances: 1, readyInstances: 0, phase: Setting up primary}"));
    assertThat(Readiness.isReady(cluster, inputs)).isFalse();
    assertThat(GraphRenderer.render(graph, inputs).resource("backup").orElseThrow())
        .isInstanceOfSatisfying(
            RenderedResource.Waiting.class,
            w -> assertThat(w.waitingFor()).containsExactly("cluster"));
    assertThat(OutputRenderer.render(graph, inputs).values()).isEmpty();
    assertThat(OutputRenderer.render(graph, inputs).problems()).isEmpty();

    inputs =
        inputs.withLive(
            "cluster",
            withStatus(
                created,
                """
        instances: 1
        readyInstances: 1
        phase: Cluster in healthy state
        currentPrimary: sample-db-1
        writeService: sample-db-rw
        readService: sample-db-r
        conditions: [{type: Ready, status: "True", reason: ClusterIsReady}]
        """));
    assertThat(Readiness.isReady(cluster, inputs)).isTrue();
    Map<String, Object> backup = desired(GraphRenderer.render(graph, inputs), "backup");
    assertThat(at(backup, "spec.cluster.name")).isEqualTo("sample-db");
    assertThat(at(backup, "spec.schedule")).isEqualTo("0 0 3 * * *");
    assertThat(at(backup, "spec.suspend")).isEqualTo(false);
    assertThat(OutputRenderer.render(graph, inputs).values())
        .containsExactly(
            Map.entry("endpoint", "sample-db-rw." + Samples.NAMESPACE + ".svc:5432"),
            Map.entry("readEndpoint", "sample-db-r." + Samples.NAMESPACE + ".svc:5432"));
  }

  @Test
  void cnpgClusterIsSuspendedOnceHibernated() {
    CompiledGraph graph = WorkloadGraphCompiler.compile(CNPG.getSpec()).orElseThrow();
    CompiledResource cluster = graph.resource("cluster").orElseThrow();
    GraphInputs inputs = Samples.inputs(CNPG, "pg-single", true);
    Map<String, Object> created = desired(GraphRenderer.render(graph, inputs), "cluster");
    String deleting =
        "conditions: [{type: cnpg.io/hibernation, status: \"False\", reason: DeletingPods}]";
    assertThat(
            Readiness.isSuspended(
                cluster, inputs.withLive("cluster", withStatus(created, "{" + deleting + "}"))))
        .isFalse();
    String done =
        "conditions: [{type: Ready, status: \"False\"}, {type: cnpg.io/hibernation, status: \"True\", reason: Hibernated}]";
    assertThat(
            Readiness.isSuspended(
                cluster, inputs.withLive("cluster", withStatus(created, "{" + done + "}"))))
        .isTrue();
  }

  @Test
  void theThirdPartyCrdsHaveTheShapeOfTheRealOnes() throws Exception {
    for (String name : List.of("clusters", "scheduledbackups")) {
      String yaml =
          Files.readString(
              Samples.repo("deploy/samples/third-party-crds/postgresql.cnpg.io_" + name + ".yaml"));
      CustomResourceDefinition crd =
          Samples.SERIALIZATION.unmarshal(yaml, CustomResourceDefinition.class);
      assertThat(crd.getSpec().getGroup()).isEqualTo("postgresql.cnpg.io");
      assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
      CustomResourceDefinitionVersion v1 = crd.getSpec().getVersions().get(0);
      assertThat(v1.getName()).isEqualTo("v1");
      assertThat(v1.getSubresources().getStatus()).isNotNull();
      if (name.equals("clusters")) {
        assertThat(v1.getAdditionalPrinterColumns())
            .extracting(c -> c.getName())
            .containsExactly("Age", "Instances", "Ready", "Status", "Primary");
        assertThat(v1.getSubresources().getScale().getSpecReplicasPath())
            .isEqualTo(".spec.instances");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withStatus(Map<String, Object> object, String statusYaml) {
    Map<String, Object> live =
        (Map<String, Object>) io.exomarket.graph.cel.CelValues.toPlain(object);
    live.put("status", Samples.yaml("status:\n" + statusYaml.indent(2)).get("status"));
    return live;
  }
}
