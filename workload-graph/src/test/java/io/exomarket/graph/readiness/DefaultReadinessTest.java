package io.exomarket.graph.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each default rule on objects shaped as the API server returns them. */
class DefaultReadinessTest {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  @SuppressWarnings("unchecked")
  private static Optional<String> check(String group, String kind, String yaml) {
    return DefaultReadiness.notReadyReason(group, kind, YAML.unmarshal(yaml, Map.class));
  }

  @Test
  void deployment() {
    String rolledOut =
        """
        metadata: {name: web, generation: 3}
        spec: {replicas: 2}
        status: {observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}
        """;
    assertThat(check("apps", "Deployment", rolledOut)).isEmpty();
    assertThat(
            check(
                "apps",
                "Deployment",
                rolledOut.replace("observedGeneration: 3", "observedGeneration: 2")))
        .contains("the controller has not observed the latest generation");
    assertThat(
            check(
                "apps",
                "Deployment",
                rolledOut.replace("updatedReplicas: 2", "updatedReplicas: 1")))
        .contains("replicas are being updated");
    assertThat(
            check(
                "apps",
                "Deployment",
                rolledOut.replace("availableReplicas: 2", "availableReplicas: 1")))
        .contains("replicas are not available yet");
    assertThat(check("apps", "Deployment", "metadata: {name: web, generation: 1}\nspec: {}\n"))
        .as("no status yet, one replica by default")
        .isPresent();
  }

  @Test
  void statefulSetFollowsTheOperatorsWorkloadObservation() {
    String ready =
        """
        metadata: {name: db, generation: 2}
        spec: {replicas: 3, serviceName: db}
        status: {observedGeneration: 2, replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 3}
        """;
    assertThat(check("apps", "StatefulSet", ready)).isEmpty();
    assertThat(check("apps", "StatefulSet", ready.replace("readyReplicas: 3", "readyReplicas: 2")))
        .contains("replicas are not ready yet");
    assertThat(
            check("apps", "StatefulSet", ready.replace("updatedReplicas: 3", "updatedReplicas: 1")))
        .contains("replicas are being updated");
    assertThat(
            check(
                "apps",
                "StatefulSet",
                "metadata: {name: db, generation: 1}\nspec: {replicas: 1}\n"))
        .contains("no status yet");
    String stopping =
        """
        metadata: {name: db, generation: 3}
        spec: {replicas: 0}
        status: {observedGeneration: 3, replicas: 1, readyReplicas: 1}
        """;
    assertThat(check("apps", "StatefulSet", stopping)).contains("pods are stopping");
    assertThat(
            check(
                "apps",
                "StatefulSet",
                stopping.replace("replicas: 1, readyReplicas: 1", "replicas: 0")))
        .isEmpty();
  }

  @Test
  void daemonSet() {
    String ready =
        """
        metadata: {name: agent, generation: 1}
        status: {observedGeneration: 1, desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4, updatedNumberScheduled: 4}
        """;
    assertThat(check("apps", "DaemonSet", ready)).isEmpty();
    assertThat(check("apps", "DaemonSet", ready.replace("numberReady: 4", "numberReady: 3")))
        .contains("pods are not ready yet");
    assertThat(
            check(
                "apps",
                "DaemonSet",
                ready.replace("updatedNumberScheduled: 4", "updatedNumberScheduled: 2")))
        .contains("pods are being updated");
  }

  @Test
  void job() {
    assertThat(check("batch", "Job", "metadata: {name: migrate}\nstatus: {active: 1}\n"))
        .contains("not complete yet");
    assertThat(
            check(
                "batch",
                "Job",
                """
        metadata: {name: migrate}
        status:
          succeeded: 1
          conditions: [{type: Complete, status: "True", reason: CompletionsReached}]
        """))
        .isEmpty();
    assertThat(check("batch", "Job", "metadata: {name: migrate}\nstatus: {succeeded: 1}\n"))
        .isEmpty();
    assertThat(
            check(
                "batch",
                "Job",
                "metadata: {name: migrate}\nstatus: {failed: 6, conditions: [{type: Failed, status: \"True\"}]}\n"))
        .contains("not complete yet");
  }

  @Test
  void persistentVolumeClaim() {
    assertThat(
            check(
                "", "PersistentVolumeClaim", "metadata: {name: data}\nstatus: {phase: Pending}\n"))
        .contains("phase Pending");
    assertThat(
            check(
                "",
                "PersistentVolumeClaim",
                "metadata: {name: data}\nstatus: {phase: Bound, capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce]}\n"))
        .isEmpty();
  }

  @Test
  void loadBalancerServiceWaitsForAnAddressOtherServicesOnlyExist() {
    String lb =
        "metadata: {name: web}\nspec: {type: LoadBalancer, ports: [{port: 443}]}\nstatus: {loadBalancer: {}}\n";
    assertThat(check("", "Service", lb)).contains("no load balancer address yet");
    assertThat(
            check(
                "",
                "Service",
                lb.replace("loadBalancer: {}", "loadBalancer: {ingress: [{ip: 203.0.113.7}]}")))
        .isEmpty();
    assertThat(
            check(
                "",
                "Service",
                "metadata: {name: db}\nspec: {clusterIP: None, ports: [{port: 5432}]}\n"))
        .isEmpty();
  }

  @Test
  void otherKindsUseTheReadyConditionWhenTheyReportConditions() {
    String certificate =
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: tls}
        status:
          conditions: [{type: Ready, status: "False", reason: Issuing}]
        """;
    assertThat(check("cert-manager.io", "Certificate", certificate))
        .contains("condition Ready is False");
    assertThat(
            check("cert-manager.io", "Certificate", certificate.replace("\"False\"", "\"True\"")))
        .isEmpty();
    assertThat(
            check(
                "example.com",
                "Widget",
                "metadata: {name: w}\nstatus: {conditions: [{type: Synced, status: \"True\"}]}\n"))
        .contains("condition Ready is absent");
    assertThat(check("", "ConfigMap", "metadata: {name: c}\ndata: {a: b}\n"))
        .as("existence")
        .isEmpty();
  }
}
