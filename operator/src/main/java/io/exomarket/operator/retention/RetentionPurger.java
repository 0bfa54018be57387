package io.exomarket.operator.retention;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.events.EventRecorder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention loop: every interval, while this replica leads, deletes the retained volumes and
 * objects whose purge-after time has passed (an event on each, a metric), and counts what stays
 * retained per organization. The kinds looked at are the volumes and every kind a graph used.
 */
public final class RetentionPurger implements AutoCloseable {
  /** A kind retained objects may have (the workload's kinds, mapped by the caller). */
  public record Kind(String apiVersion, String kind) {}

  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurger.class);
  private static final Kind VOLUMES = new Kind("v1", "PersistentVolumeClaim");

  private final KubernetesClient client;
  private final Clock clock;
  private final Supplier<Set<Kind>> kinds;
  private final EventRecorder events;
  private final RetentionMetrics metrics;
  private final BooleanSupplier leading;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "retention-purger");
            t.setDaemon(true);
            return t;
          });

  public RetentionPurger(
      KubernetesClient client,
      Clock clock,
      Supplier<Set<Kind>> kinds,
      EventRecorder events,
      RetentionMetrics metrics,
      BooleanSupplier leading) {
    this.client = client;
    this.clock = clock;
    this.kinds = kinds;
    this.events = events;
    this.metrics = metrics;
    this.leading = leading;
  }

  public RetentionPurger start(Duration interval) {
    long millis = Math.max(1, interval.toMillis());
    timer.scheduleWithFixedDelay(this::safePurge, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void safePurge() {
    if (!leading.getAsBoolean()) {
      return;
    }
    try {
      purge();
    } catch (RuntimeException e) {
      LOG.warn("retention purge failed, next try in one interval: {}", e.toString());
    }
  }

  /** One pass; returns the objects deleted. */
  public List<GenericKubernetesResource> purge() {
    Instant now = clock.instant();
    List<GenericKubernetesResource> purged = new ArrayList<>();
    List<GenericKubernetesResource> volumesLeft = new ArrayList<>();
    Set<Kind> all = new LinkedHashSet<>();
    all.add(VOLUMES);
    all.addAll(kinds.get());
    for (Kind kind : all) {
      for (GenericKubernetesResource object : retained(kind)) {
        if (object.getMetadata().getDeletionTimestamp() != null) {
          continue; // purged already, waiting for its finalizers (pvc-protection)
        }
        Instant after = RetentionMarks.purgeAfter(object.getMetadata().getAnnotations());
        if (after != null && !now.isBefore(after) && !nameTakenAgain(object)) {
          delete(object);
          purged.add(object);
        } else if (kind.equals(VOLUMES)) {
          volumesLeft.add(object);
        }
      }
    }
    metrics.retainedVolumes(volumesLeft);
    return purged;
  }

  /**
   * A live instance of the retained object's instance name may have adopted it (a StatefulSet takes
   * a claim by its name): never purge what may be in use; it waits until that instance is gone.
   */
  private boolean nameTakenAgain(GenericKubernetesResource object) {
    String name = object.getMetadata().getAnnotations().get(ApiGroup.RETAINED_INSTANCE_ANNOTATION);
    boolean taken =
        name != null
            && client
                    .resources(ManagedServiceInstance.class)
                    .inNamespace(object.getMetadata().getNamespace())
                    .withName(name)
                    .get()
                != null;
    if (taken) {
      LOG.warn(
          "retained {} {}/{} not purged: an instance named {} exists again and may use it",
          object.getKind(),
          object.getMetadata().getNamespace(),
          object.getMetadata().getName(),
          name);
    }
    return taken;
  }

  private void delete(GenericKubernetesResource object) {
    client
        .genericKubernetesResources(object.getApiVersion(), object.getKind())
        .inNamespace(object.getMetadata().getNamespace())
        .withName(object.getMetadata().getName())
        .delete();
    metrics.purged(object.getKind());
    events.normal(
        object,
        Reason.PURGED,
        object.getKind()
            + " of deprovisioned instance "
            + object.getMetadata().getAnnotations().get(ApiGroup.RETAINED_INSTANCE_ANNOTATION)
            + " purged: its retention period ended at "
            + object.getMetadata().getAnnotations().get(ApiGroup.PURGE_AFTER_ANNOTATION));
    LOG.info(
        "purged retained {} {}/{}",
        object.getKind(),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  private List<GenericKubernetesResource> retained(Kind kind) {
    try {
      return client
          .genericKubernetesResources(kind.apiVersion(), kind.kind())
          .inAnyNamespace()
          .withLabel(ApiGroup.RETAINED_LABEL, "true")
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // the kind is no longer served
      }
      throw e;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
