package io.exomarket.graph;

import static io.exomarket.graph.Graphs.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImmutableFieldsTest {

  @Test
  void statefulSetKeepsItsClaimTemplatesSelectorServiceNameAndPolicy() {
    Map<String, Object> desired =
        Samples.yaml(
            """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 3
              serviceName: db-new
              selector: {matchLabels: {app: db-new}}
              volumeClaimTemplates: [{metadata: {name: data}, spec: {resources: {requests: {storage: 50Gi}}}}]
            """);
    Map<String, Object> live =
        Samples.yaml(
            """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 1
              serviceName: db
              podManagementPolicy: OrderedReady
              selector: {matchLabels: {app: db}}
              volumeClaimTemplates: [{metadata: {name: data}, spec: {resources: {requests: {storage: 10Gi}}}}]
            """);
    Map<String, Object> kept = ImmutableFields.preserve(desired, live);
    assertThat(at(kept, "spec.replicas")).isEqualTo(3L);
    assertThat(at(kept, "spec.serviceName")).isEqualTo("db");
    assertThat(at(kept, "spec.podManagementPolicy")).isEqualTo("OrderedReady");
    assertThat(at(kept, "spec.selector")).isEqualTo(Map.of("matchLabels", Map.of("app", "db")));
    assertThat(kept)
        .extracting(k -> at(k, "spec.volumeClaimTemplates"))
        .asList()
        .singleElement()
        .satisfies(
            t ->
                assertThat(at(Graphs.cast(t), "spec.resources.requests.storage"))
                    .isEqualTo("10Gi"));
    assertThat(at(desired, "spec.serviceName"))
        .as("the desired object is not changed")
        .isEqualTo("db-new");
  }

  @Test
  void withoutALiveObjectTheDesiredOneIsUsedAsItIs() {
    Map<String, Object> desired =
        Samples.yaml(
            "apiVersion: apps/v1\nkind: Deployment\nspec: {selector: {matchLabels: {a: b}}}");
    assertThat(ImmutableFields.preserve(desired, null)).isEqualTo(desired);
  }

  @Test
  void serviceKeepsItsClusterIps() {
    Map<String, Object> kept =
        ImmutableFields.preserve(
            Samples.yaml("apiVersion: v1\nkind: Service\nspec: {ports: [{port: 80}]}"),
            Samples.yaml(
                "apiVersion: v1\nkind: Service\nspec: {clusterIP: 10.0.0.7, clusterIPs: [10.0.0.7], ports: [{port: 81}]}"));
    assertThat(at(kept, "spec.clusterIP")).isEqualTo("10.0.0.7");
    assertThat(at(kept, "spec.clusterIPs")).isEqualTo(List.of("10.0.0.7"));
    assertThat(at(kept, "spec.ports")).isEqualTo(List.of(Map.of("port", 80L)));
  }

  @Test
  void deploymentAndJob() {
    Map<String, Object> deployment =
        ImmutableFields.preserve(
            Samples.yaml(
                "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 2, selector: {matchLabels: {v: '2'}}}"),
            Samples.yaml(
                "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 1, selector: {matchLabels: {v: '1'}}}"));
    assertThat(at(deployment, "spec.selector.matchLabels.v")).isEqualTo("1");
    assertThat(at(deployment, "spec.replicas")).isEqualTo(2L);
    Map<String, Object> job =
        ImmutableFields.preserve(
            Samples.yaml(
                "apiVersion: batch/v1\nkind: Job\nspec: {backoffLimit: 2, template: {spec: {containers: [{image: b}]}}}"),
            Samples.yaml(
                "apiVersion: batch/v1\nkind: Job\nspec: {backoffLimit: 6, template: {spec: {containers: [{image: a}]}}, selector: {matchLabels: {controller-uid: x}}}"));
    assertThat(at(job, "spec.template"))
        .isEqualTo(Map.of("spec", Map.of("containers", List.of(Map.of("image", "a")))));
    assertThat(at(job, "spec.selector.matchLabels.controller-uid")).isEqualTo("x");
    assertThat(at(job, "spec.backoffLimit")).isEqualTo(2L);
  }

  @Test
  void persistentVolumeClaimChangesOnlyItsStorageRequest() {
    Map<String, Object> kept =
        ImmutableFields.preserve(
            Samples.yaml(
                "apiVersion: v1\nkind: PersistentVolumeClaim\nspec: {accessModes: [ReadWriteMany], storageClassName: fast, resources: {requests: {storage: 20Gi}}}"),
            Samples.yaml(
                "apiVersion: v1\nkind: PersistentVolumeClaim\nspec: {accessModes: [ReadWriteOnce], storageClassName: standard, volumeName: pv-1, resources: {requests: {storage: 10Gi}}}"));
    assertThat(at(kept, "spec.accessModes")).isEqualTo(List.of("ReadWriteOnce"));
    assertThat(at(kept, "spec.storageClassName")).isEqualTo("standard");
    assertThat(at(kept, "spec.volumeName")).isEqualTo("pv-1");
    assertThat(at(kept, "spec.resources.requests.storage")).isEqualTo("20Gi");
  }

  @Test
  void otherKindsAreLeftAlone() {
    Map<String, Object> desired = Samples.yaml("apiVersion: v1\nkind: ConfigMap\ndata: {a: '2'}");
    assertThat(
            ImmutableFields.preserve(
                desired, Samples.yaml("apiVersion: v1\nkind: ConfigMap\ndata: {a: '1'}")))
        .isEqualTo(desired);
    assertThat(ImmutableFields.paths("apps", "StatefulSet")).contains("spec.volumeClaimTemplates");
    assertThat(ImmutableFields.paths("", "ConfigMap")).isEmpty();
  }
}
