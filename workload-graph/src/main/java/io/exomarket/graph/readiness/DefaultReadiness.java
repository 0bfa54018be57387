package io.exomarket.graph.readiness;

import static io.exomarket.graph.readiness.LiveFields.condition;
import static io.exomarket.graph.readiness.LiveFields.list;
import static io.exomarket.graph.readiness.LiveFields.number;
import static io.exomarket.graph.readiness.LiveFields.numberOr;
import static io.exomarket.graph.readiness.LiveFields.observedLatestGeneration;
import static io.exomarket.graph.readiness.LiveFields.string;

import java.util.Map;
import java.util.Optional;

/**
 * When a live object is ready, for resources without readyWhen: a rule per well-known kind, else a
 * {@code Ready} condition when the object reports conditions, else existence.
 */
public final class DefaultReadiness {
  private DefaultReadiness() {}

  /** Empty when ready; otherwise why not, in a few words. */
  public static Optional<String> notReadyReason(String group, String kind, Map<String, ?> live) {
    String key = group + "/" + kind;
    return switch (key) {
      case "apps/Deployment" -> deployment(live);
      case "apps/StatefulSet" -> statefulSet(live);
      case "apps/DaemonSet" -> daemonSet(live);
      case "batch/Job" -> job(live);
      case "/PersistentVolumeClaim" -> persistentVolumeClaim(live);
      case "/Service" -> service(live);
      default -> readyCondition(live);
    };
  }

  private static Optional<String> deployment(Map<String, ?> live) {
    if (!observedLatestGeneration(live))
      return Optional.of("the controller has not observed the latest generation");
    long desired = numberOr(live, "spec.replicas", 1);
    if (numberOr(live, "status.updatedReplicas", 0) < desired)
      return Optional.of("replicas are being updated");
    if (numberOr(live, "status.availableReplicas", 0) < desired)
      return Optional.of("replicas are not available yet");
    return Optional.empty();
  }

  /**
   * The rule of the operator's WorkloadObservation: at zero replicas, ready once no pod is left.
   */
  private static Optional<String> statefulSet(Map<String, ?> live) {
    if (!(live.get("status") instanceof Map)) return Optional.of("no status yet");
    if (!observedLatestGeneration(live))
      return Optional.of("the controller has not observed the latest generation");
    long desired = numberOr(live, "spec.replicas", 1);
    if (desired == 0) {
      return numberOr(live, "status.replicas", 0) == 0
          ? Optional.empty()
          : Optional.of("pods are stopping");
    }
    if (numberOr(live, "status.readyReplicas", 0) < desired)
      return Optional.of("replicas are not ready yet");
    if (numberOr(live, "status.updatedReplicas", 0) < desired)
      return Optional.of("replicas are being updated");
    return Optional.empty();
  }

  private static Optional<String> daemonSet(Map<String, ?> live) {
    if (!(live.get("status") instanceof Map)) return Optional.of("no status yet");
    if (!observedLatestGeneration(live))
      return Optional.of("the controller has not observed the latest generation");
    long desired = numberOr(live, "status.desiredNumberScheduled", 0);
    if (numberOr(live, "status.updatedNumberScheduled", 0) < desired)
      return Optional.of("pods are being updated");
    if (numberOr(live, "status.numberReady", 0) < desired)
      return Optional.of("pods are not ready yet");
    return Optional.empty();
  }

  private static Optional<String> job(Map<String, ?> live) {
    boolean complete = condition(live, "Complete").filter("True"::equals).isPresent();
    boolean succeeded = number(live, "status.succeeded").filter(n -> n >= 1).isPresent();
    return complete || succeeded ? Optional.empty() : Optional.of("not complete yet");
  }

  private static Optional<String> persistentVolumeClaim(Map<String, ?> live) {
    String phase = string(live, "status.phase").orElse("Pending");
    return phase.equals("Bound") ? Optional.empty() : Optional.of("phase " + phase);
  }

  private static Optional<String> service(Map<String, ?> live) {
    if (!"LoadBalancer".equals(string(live, "spec.type").orElse("ClusterIP")))
      return Optional.empty();
    return list(live, "status.loadBalancer.ingress").isEmpty()
        ? Optional.of("no load balancer address yet")
        : Optional.empty();
  }

  private static Optional<String> readyCondition(Map<String, ?> live) {
    if (list(live, "status.conditions").isEmpty()) return Optional.empty();
    String ready = condition(live, "Ready").orElse("absent");
    return ready.equals("True") ? Optional.empty() : Optional.of("condition Ready is " + ready);
  }
}
