package io.exomarket.testkit.kube;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the StatefulSet controller and kubelet where none runs (the fabric8 mock, a bare API
 * server): after a delay it creates the volume claims a StatefulSet asks for and reports its
 * replicas ready at the current generation. For the sandbox and the tests only.
 */
public final class SimulatedKubelet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedKubelet.class);

  private final KubernetesClient client;
  private final Duration readyDelay;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "simulated-kubelet");
            t.setDaemon(true);
            return t;
          });
  private SharedIndexInformer<StatefulSet> informer;

  private SimulatedKubelet(KubernetesClient client, Duration readyDelay) {
    this.client = client;
    this.readyDelay = readyDelay;
  }

  public static SimulatedKubelet start(KubernetesClient client, Duration readyDelay) {
    SimulatedKubelet kubelet = new SimulatedKubelet(client, readyDelay);
    kubelet.informer =
        client
            .apps()
            .statefulSets()
            .inAnyNamespace()
            .withLabel(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .inform(kubelet.handler());
    return kubelet;
  }

  private ResourceEventHandler<StatefulSet> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(StatefulSet sts) {
        schedule(sts);
      }

      @Override
      public void onUpdate(StatefulSet old, StatefulSet sts) {
        schedule(sts);
      }

      @Override
      public void onDelete(StatefulSet sts, boolean unknown) {}
    };
  }

  private void schedule(StatefulSet sts) {
    if (!isSettled(sts)) {
      String ns = sts.getMetadata().getNamespace();
      String name = sts.getMetadata().getName();
      scheduler.schedule(() -> settle(ns, name), readyDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static boolean isSettled(StatefulSet sts) {
    var status = sts.getStatus();
    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    return status != null
        && Objects.equals(status.getObservedGeneration(), sts.getMetadata().getGeneration())
        && Objects.equals(status.getReplicas(), replicas)
        && Objects.equals(status.getReadyReplicas(), replicas);
  }

  private void settle(String namespace, String name) {
    try {
      StatefulSet sts = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
      if (sts == null || sts.getMetadata().getDeletionTimestamp() != null || isSettled(sts)) {
        return;
      }
      int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
      for (int ordinal = 0; ordinal < replicas; ordinal++) {
        createClaims(sts, ordinal);
      }
      long generation = sts.getMetadata().getGeneration();
      // A JSON patch of the status alone: it can never write back a stale spec.
      client
          .apps()
          .statefulSets()
          .inNamespace(namespace)
          .withName(name)
          .editStatus(
              current -> {
                current.setStatus(
                    new StatefulSetStatusBuilder()
                        .withObservedGeneration(generation)
                        .withReplicas(replicas)
                        .withReadyReplicas(replicas)
                        .withAvailableReplicas(replicas)
                        .withCurrentReplicas(replicas)
                        .withUpdatedReplicas(replicas)
                        .build());
                return current;
              });
    } catch (KubernetesClientException e) {
      // A conflict or a vanished object: the informer brings the next version, and a new try.
      LOG.debug("simulated kubelet could not settle {}/{}: {}", namespace, name, e.getMessage());
      if (e.getCode() == 409) {
        scheduler.schedule(() -> settle(namespace, name), 50, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void createClaims(StatefulSet sts, int ordinal) {
    if (sts.getSpec().getVolumeClaimTemplates() == null) {
      return;
    }
    for (PersistentVolumeClaim template : sts.getSpec().getVolumeClaimTemplates()) {
      String claimName =
          template.getMetadata().getName() + "-" + sts.getMetadata().getName() + "-" + ordinal;
      var claims = client.persistentVolumeClaims().inNamespace(sts.getMetadata().getNamespace());
      if (claims.withName(claimName).get() == null) {
        createClaim(sts, template, claimName);
      }
    }
  }

  /**
   * Best effort: on a bare API server without the quota controller, a tenant quota whose status was
   * never computed refuses new claims; the workload still becomes ready, as the point is its
   * status.
   */
  private void createClaim(StatefulSet sts, PersistentVolumeClaim template, String claimName) {
    try {
      client
          .persistentVolumeClaims()
          .inNamespace(sts.getMetadata().getNamespace())
          .resource(
              new PersistentVolumeClaimBuilder()
                  .withNewMetadata()
                  .withName(claimName)
                  .withNamespace(sts.getMetadata().getNamespace())
                  .withLabels(sts.getSpec().getSelector().getMatchLabels())
                  .endMetadata()
                  .withSpec(template.getSpec())
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.debug("simulated kubelet could not create claim {}: {}", claimName, e.getMessage());
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
