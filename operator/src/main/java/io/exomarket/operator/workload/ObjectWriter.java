package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ResourceUpdatePolicy;
import io.exomarket.graph.DesiredStateMatcher;
import io.exomarket.graph.ImmutableFields;
import io.exomarket.operator.retention.RetentionMarks;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one rendered object with the project's one strategy (no server-side apply): create; when
 * it exists, update (PUT under the live resourceVersion) only if a field the template sets differs
 * from the live object, keeping the fields the API server refuses to change. A {@code CreateOnly}
 * resource is never updated after creation, beyond our labels and owner reference. Each write goes
 * into the informer's cache, so the next reconcile sees it.
 */
public final class ObjectWriter {
  private static final Set<Integer> REFUSALS = Set.of(400, 403, 422);

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;

  public ObjectWriter(KubernetesClient client) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
  }

  /**
   * @param source where the kind's live objects are read; told of the write
   * @param live the object read for this resource; null when there is none
   * @return the object as stored now
   */
  public GenericKubernetesResource write(
      LiveObjects source,
      ManagedServiceInstance instance,
      String id,
      Map<String, Object> desired,
      GenericKubernetesResource live,
      ResourceUpdatePolicy policy) {
    Map<String, Object> wanted = withOwner(desired, instance);
    GenericKubernetesResource object =
        serialization.convertValue(wanted, GenericKubernetesResource.class);
    var target = operation(object).withName(object.getMetadata().getName());
    try {
      if (live == null) {
        live = create(source, instance, object);
        if (live != null) {
          return live;
        }
        live = target.get();
        if (live == null) {
          return null; // deleted since the 409: the delete event brings the next reconcile
        }
        if (!instance
            .getMetadata()
            .getName()
            .equals(WorkloadInformers.label(live, ApiGroup.INSTANCE_LABEL))) {
          throw new ObjectRejection(
              id,
              object.getKind()
                  + " "
                  + object.getMetadata().getName()
                  + " already exists and is not this instance's");
        }
      }
      if (live.getMetadata().getDeletionTimestamp() != null) {
        return live; // still terminating; recreated once the delete event arrives
      }
      Map<String, Object> liveMap = serialization.convertValue(live, Map.class);
      Map<String, Object> update =
          policy == ResourceUpdatePolicy.CREATE_ONLY
              ? metadataOnly(wanted)
              : ImmutableFields.preserve(wanted, liveMap);
      if (DesiredStateMatcher.matches(update, liveMap) && hasOwner(live, instance)) {
        return live;
      }
      GenericKubernetesResource merged =
          serialization.convertValue(
              Overlay.onto(liveMap, withOwner(update, instance)), GenericKubernetesResource.class);
      GenericKubernetesResource updated = operation(merged).resource(merged).update();
      source.updated(instance, updated, live);
      return updated;
    } catch (KubernetesClientException e) {
      if (REFUSALS.contains(e.getCode())) {
        throw new ObjectRejection(id, refusal(e));
      }
      throw e;
    }
  }

  /** The object as created, or null when one of that name exists already (409). */
  private GenericKubernetesResource create(
      LiveObjects source, ManagedServiceInstance instance, GenericKubernetesResource object) {
    try {
      GenericKubernetesResource created = operation(object).resource(object).create();
      source.created(instance, created);
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return null;
      }
      throw e;
    }
  }

  /** Deletes a live object (an excluded resource). Idempotent. */
  public void delete(GenericKubernetesResource live) {
    operation(live).withName(live.getMetadata().getName()).delete();
  }

  /** Removes the instance's owner reference, so garbage collection keeps the object. */
  public void orphan(GenericKubernetesResource live, ManagedServiceInstance instance) {
    if (!hasOwner(live, instance)) {
      return;
    }
    operation(live)
        .withName(live.getMetadata().getName())
        .edit(
            o -> {
              o.getMetadata()
                  .getOwnerReferences()
                  .removeIf(ref -> instance.getMetadata().getUid().equals(ref.getUid()));
              return o;
            });
  }

  /**
   * Keeps an object past its instance (data retention): every owner reference goes (a StatefulSet's
   * claim ownership included, or garbage collection would take it), the instance labels go (no
   * later instance adopts or deletes it), the retention marks come. Idempotent.
   */
  public void retain(GenericKubernetesResource live, RetentionMarks marks) {
    operation(live)
        .withName(live.getMetadata().getName())
        .edit(
            o -> {
              o.getMetadata().setOwnerReferences(new java.util.ArrayList<>());
              Map<String, String> labels = new LinkedHashMap<>();
              if (o.getMetadata().getLabels() != null) {
                labels.putAll(o.getMetadata().getLabels());
              }
              RetentionMarks.INSTANCE_LABELS.forEach(labels::remove);
              labels.putAll(marks.labels());
              o.getMetadata().setLabels(labels);
              Map<String, String> annotations = new LinkedHashMap<>();
              if (o.getMetadata().getAnnotations() != null) {
                annotations.putAll(o.getMetadata().getAnnotations());
              }
              annotations.putAll(marks.annotations());
              o.getMetadata().setAnnotations(annotations);
              return o;
            });
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      operation(GenericKubernetesResource object) {
    return client
        .genericKubernetesResources(object.getApiVersion(), object.getKind())
        .inNamespace(object.getMetadata().getNamespace());
  }

  private static boolean hasOwner(GenericKubernetesResource live, ManagedServiceInstance instance) {
    return live.getMetadata().getOwnerReferences() != null
        && live.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> instance.getMetadata().getUid().equals(ref.getUid()));
  }

  /** Only what a CreateOnly resource keeps in line: our labels. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadataOnly(Map<String, Object> desired) {
    Map<String, Object> metadata = (Map<String, Object>) desired.get("metadata");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", desired.get("apiVersion"));
    out.put("kind", desired.get("kind"));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", metadata.get("name"));
    meta.put("labels", metadata.get("labels"));
    out.put("metadata", meta);
    return out;
  }

  /** The instance as controlling owner, so garbage collection follows a deleted instance. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> withOwner(
      Map<String, Object> desired, ManagedServiceInstance instance) {
    Map<String, Object> copy = new LinkedHashMap<>(desired);
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) copy.get("metadata"));
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion(instance.getApiVersion())
            .withKind(instance.getKind())
            .withName(instance.getMetadata().getName())
            .withUid(instance.getMetadata().getUid())
            .withController(true)
            .build();
    metadata.put("ownerReferences", List.of(serialization.convertValue(owner, Map.class)));
    copy.put("metadata", metadata);
    return copy;
  }

  private static String refusal(KubernetesClientException e) {
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return "the API server refused it (" + e.getCode() + "): " + message;
  }
}
