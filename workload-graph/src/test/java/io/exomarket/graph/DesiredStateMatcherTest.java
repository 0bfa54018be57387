package io.exomarket.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredStateMatcherTest {
  private static final String DESIRED =
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
        namespace: ns1
        labels: {app: db}
      spec:
        replicas: 2
        template:
          spec:
            containers:
              - name: db
                image: acme:1
                ports: [{containerPort: 5432}]
                resources:
                  requests: {cpu: "1", memory: 1Gi}
      """;

  /**
   * The same object as the API server returns it: defaults, status, server metadata, canonical
   * quantities.
   */
  private static final String LIVE =
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
        namespace: ns1
        uid: 0b1c
        resourceVersion: "42"
        generation: 1
        labels: {app: db, extra: added-by-someone}
        annotations: {deployment.kubernetes.io/revision: "1"}
      spec:
        replicas: 2
        podManagementPolicy: OrderedReady
        revisionHistoryLimit: 10
        template:
          spec:
            restartPolicy: Always
            containers:
              - name: db
                image: acme:1
                imagePullPolicy: IfNotPresent
                terminationMessagePath: /dev/termination-log
                ports: [{containerPort: 5432, protocol: TCP}]
                resources:
                  requests: {cpu: 1000m, memory: "1073741824"}
      status: {replicas: 2}
      """;

  private static Map<String, Object> yaml(String text) {
    return Samples.yaml(text);
  }

  @Test
  void defaultsAndServerFieldsAreIgnored() {
    assertThat(DesiredStateMatcher.firstDifference(yaml(DESIRED), yaml(LIVE))).isEmpty();
  }

  @Test
  void aChangedFieldTheTemplateSetsIsADifference() {
    assertThat(
            DesiredStateMatcher.firstDifference(
                yaml(DESIRED.replace("acme:1", "acme:2")), yaml(LIVE)))
        .contains("spec.template.spec.containers[0].image");
    assertThat(
            DesiredStateMatcher.firstDifference(
                yaml(DESIRED.replace("replicas: 2", "replicas: 3")), yaml(LIVE)))
        .contains("spec.replicas");
    assertThat(
            DesiredStateMatcher.firstDifference(
                yaml(DESIRED.replace("cpu: \"1\"", "cpu: 1500m")), yaml(LIVE)))
        .contains("spec.template.spec.containers[0].resources.requests.cpu");
    assertThat(
            DesiredStateMatcher.firstDifference(
                yaml(DESIRED.replace("labels: {app: db}", "labels: {app: web}")), yaml(LIVE)))
        .contains("metadata.labels.app");
  }

  @Test
  void metadataComparesOnlyTheLabelsAndAnnotationsTheTemplateSets() {
    Map<String, Object> desired = yaml("metadata: {name: db, annotations: {owner: team-a}}");
    assertThat(
            DesiredStateMatcher.matches(
                desired, yaml("metadata: {name: db, annotations: {owner: team-a, x: y}}")))
        .isTrue();
    assertThat(DesiredStateMatcher.matches(desired, yaml("metadata: {name: db}"))).isFalse();
    assertThat(
            DesiredStateMatcher.matches(
                yaml("metadata: {name: db, finalizers: [a]}"), yaml("metadata: {name: db}")))
        .as("other metadata is the operator's business, not the matcher's")
        .isTrue();
  }

  @Test
  void numbersByValue() {
    assertThat(
            DesiredStateMatcher.matches(
                Map.of("spec", Map.of("n", 1)), Map.of("spec", Map.of("n", 1L))))
        .isTrue();
    assertThat(
            DesiredStateMatcher.matches(
                Map.of("spec", Map.of("n", 1L)), Map.of("spec", Map.of("n", 1.0))))
        .isTrue();
    assertThat(
            DesiredStateMatcher.matches(
                Map.of("spec", Map.of("n", 1.5)), Map.of("spec", Map.of("n", 1))))
        .isFalse();
    assertThat(
            DesiredStateMatcher.matches(
                Map.of("spec", Map.of("targetPort", "5432")),
                Map.of("spec", Map.of("targetPort", 5432))))
        .as("a string of digits equals the number")
        .isTrue();
    assertThat(
            DesiredStateMatcher.matches(
                Map.of("spec", Map.of("targetPort", "http")),
                Map.of("spec", Map.of("targetPort", 80))))
        .isFalse();
  }

  @Test
  void quantitiesByValue() {
    assertThat(DesiredStateMatcher.scalarEquals("1000m", "1")).isTrue();
    assertThat(DesiredStateMatcher.scalarEquals("1Gi", "1073741824")).isTrue();
    assertThat(DesiredStateMatcher.scalarEquals("0.5", "500m")).isTrue();
    assertThat(DesiredStateMatcher.scalarEquals("1G", "1Gi")).isFalse();
    assertThat(DesiredStateMatcher.scalarEquals("10Gi", "20Gi")).isFalse();
    assertThat(DesiredStateMatcher.scalarEquals("RuntimeDefault", "Localhost")).isFalse();
  }

  @Test
  void listsElementByElementWithEqualLength() {
    Map<String, Object> desired = yaml("spec: {ports: [{port: 80}, {port: 443}]}");
    assertThat(
            DesiredStateMatcher.matches(
                desired,
                yaml("spec: {ports: [{port: 80, protocol: TCP}, {port: 443, protocol: TCP}]}")))
        .isTrue();
    assertThat(
            DesiredStateMatcher.matches(desired, yaml("spec: {ports: [{port: 443}, {port: 80}]}")))
        .as("order")
        .isFalse();
    assertThat(
            DesiredStateMatcher.matches(
                desired, yaml("spec: {ports: [{port: 80}, {port: 443}, {port: 8080}]}")))
        .as("an element the template removed")
        .isFalse();
    assertThat(DesiredStateMatcher.matches(desired, yaml("spec: {ports: [{port: 80}]}"))).isFalse();
  }

  @Test
  void emptyCollectionsMatchAnAbsentField() {
    assertThat(DesiredStateMatcher.matches(yaml("spec: {env: [], selector: {}}"), yaml("spec: {}")))
        .isTrue();
    assertThat(DesiredStateMatcher.matches(yaml("spec: {selector: {a: b}}"), yaml("spec: {}")))
        .isFalse();
  }
}
