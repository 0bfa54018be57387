package io.exomarket.testkit.kube;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beside the {@link SimulatedKubelet}: what the CloudNativePG operator writes into a {@code
 * postgresql.cnpg.io/v1} Cluster's status, after a delay: a {@code Ready} condition, {@code
 * instances}, {@code readyInstances}, the read-write and read services; with the {@code
 * cnpg.io/hibernation: "on"} annotation, no ready instance and the {@code cnpg.io/hibernation}
 * condition True with reason {@code Hibernated}, as the real operator reports hibernation.
 */
public final class SimulatedCloudNativePg implements AutoCloseable {
  public static final String API_VERSION = "postgresql.cnpg.io/v1";
  public static final String HIBERNATION = "cnpg.io/hibernation";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedCloudNativePg.class);

  private final KubernetesClient client;
  private final Duration delay;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "simulated-cloudnative-pg");
            t.setDaemon(true);
            return t;
          });
  private SharedIndexInformer<GenericKubernetesResource> informer;

  private SimulatedCloudNativePg(KubernetesClient client, Duration delay) {
    this.client = client;
    this.delay = delay;
  }

  /** Watches the Clusters this project's operator made (its managed-by label). */
  public static SimulatedCloudNativePg start(KubernetesClient client, Duration delay) {
    SimulatedCloudNativePg controller = new SimulatedCloudNativePg(client, delay);
    controller.informer =
        client
            .genericKubernetesResources(API_VERSION, "Cluster")
            .inAnyNamespace()
            .withLabel(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .inform(controller.handler());
    return controller;
  }

  private ResourceEventHandler<GenericKubernetesResource> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource cluster) {
        schedule(cluster);
      }

      @Override
      public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource cluster) {
        schedule(cluster);
      }

      @Override
      public void onDelete(GenericKubernetesResource cluster, boolean unknown) {}
    };
  }

  private void schedule(GenericKubernetesResource cluster) {
    if (!Objects.equals(cluster.get("status"), statusFor(cluster))) {
      String ns = cluster.getMetadata().getNamespace();
      String name = cluster.getMetadata().getName();
      scheduler.schedule(() -> settle(ns, name), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The status the real operator converges to for this spec and annotation. */
  static Map<String, Object> statusFor(GenericKubernetesResource cluster) {
    String name = cluster.getMetadata().getName();
    Map<String, String> annotations = cluster.getMetadata().getAnnotations();
    boolean hibernated = annotations != null && "on".equals(annotations.get(HIBERNATION));
    Object instances = cluster.get("spec", "instances");
    int wanted = instances instanceof Number n ? n.intValue() : 1;
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("instances", hibernated ? 0 : wanted);
    status.put("readyInstances", hibernated ? 0 : wanted);
    status.put("writeService", name + "-rw");
    status.put("readService", name + "-r");
    status.put(
        "conditions",
        hibernated
            ? List.of(
                condition("Ready", "False", "ClusterIsNotReady"),
                condition(HIBERNATION, "True", "Hibernated"))
            : List.of(condition("Ready", "True", "ClusterIsReady")));
    return status;
  }

  private static Map<String, Object> condition(String type, String status, String reason) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", status);
    condition.put("reason", reason);
    condition.put("message", reason);
    // Required by the real CRD's schema (metav1.Condition).
    condition.put("lastTransitionTime", "2026-01-01T00:00:00Z");
    return condition;
  }

  private void settle(String namespace, String name) {
    try {
      var resource =
          client
              .genericKubernetesResources(API_VERSION, "Cluster")
              .inNamespace(namespace)
              .withName(name);
      GenericKubernetesResource cluster = resource.get();
      if (cluster == null || cluster.getMetadata().getDeletionTimestamp() != null) {
        return;
      }
      Map<String, Object> status = statusFor(cluster);
      if (Objects.equals(cluster.get("status"), status)) {
        return;
      }
      resource.editStatus(
          current -> {
            current.setAdditionalProperty("status", status);
            return current;
          });
    } catch (KubernetesClientException e) {
      LOG.debug(
          "simulated CloudNativePG could not settle {}/{}: {}", namespace, name, e.getMessage());
      if (e.getCode() == 409) {
        scheduler.schedule(() -> settle(namespace, name), 50, TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    scheduler.shutdownNow();
  }
}
