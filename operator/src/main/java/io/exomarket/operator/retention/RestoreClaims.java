package io.exomarket.operator.retention;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimList;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restore: an instance annotated {@code restore-from: <old instance id>} gets, before its workload,
 * one clone (PVC {@code dataSource}) of each retained claim of that instance, named as its own
 * StatefulSet's claim ({@code <template>-<name>-<ordinal>}) so the StatefulSet adopts it. Only from
 * the same organization (and so the same namespace: a clone cannot cross namespaces). Idempotent:
 * clones that exist are left alone; once the sources are purged, an instance with claims is done.
 */
public final class RestoreClaims {
  private final KubernetesClient client;

  public RestoreClaims(KubernetesClient client) {
    this.client = client;
  }

  /** Empty when restored (or nothing to restore); otherwise why the restore is refused. */
  public Optional<String> prepare(ManagedServiceInstance instance) {
    Map<String, String> annotations = instance.getMetadata().getAnnotations();
    String from = annotations == null ? null : annotations.get(ApiGroup.RESTORE_FROM_ANNOTATION);
    if (from == null || from.isBlank()) {
      return Optional.empty();
    }
    String ns = instance.getMetadata().getNamespace();
    if (!from.trim().matches("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?")) {
      return Optional.of(
          ApiGroup.RESTORE_FROM_ANNOTATION + ": no retained volume of instance " + from.trim());
    }
    List<PersistentVolumeClaim> sources =
        claims()
            .inAnyNamespace()
            .withLabel(ApiGroup.RETAINED_LABEL, "true")
            .withLabel(ApiGroup.RETAINED_INSTANCE_ID_LABEL, from.trim())
            .list()
            .getItems();
    if (sources.isEmpty()) {
      if (hasClaims(instance)) {
        return Optional.empty(); // restored earlier; the sources were purged since
      }
      return Optional.of(
          ApiGroup.RESTORE_FROM_ANNOTATION + ": no retained volume of instance " + from.trim());
    }
    for (PersistentVolumeClaim source : sources) {
      String org = source.getMetadata().getAnnotations().get(ApiGroup.ORGANIZATION_ID_ANNOTATION);
      if (!Objects.equals(org, instance.getSpec().getOrganization())
          || !ns.equals(source.getMetadata().getNamespace())) {
        return Optional.of(
            ApiGroup.RESTORE_FROM_ANNOTATION
                + ": the retained volumes of instance "
                + from.trim()
                + " belong to another organization");
      }
    }
    for (PersistentVolumeClaim source : sources) {
      clone(source, instance);
    }
    return Optional.empty();
  }

  private boolean hasClaims(ManagedServiceInstance instance) {
    return !claims()
        .inNamespace(instance.getMetadata().getNamespace())
        .withLabel(ApiGroup.INSTANCE_LABEL, instance.getMetadata().getName())
        .list()
        .getItems()
        .isEmpty();
  }

  private void clone(PersistentVolumeClaim source, ManagedServiceInstance instance) {
    String oldName =
        source.getMetadata().getAnnotations().get(ApiGroup.RETAINED_INSTANCE_ANNOTATION);
    Matcher m =
        Pattern.compile("^(.+)-" + Pattern.quote(String.valueOf(oldName)) + "-([0-9]+)$")
            .matcher(source.getMetadata().getName());
    if (!m.matches()) {
      return; // not a StatefulSet claim: no claim of the new workload would take it
    }
    String target = m.group(1) + "-" + instance.getMetadata().getName() + "-" + m.group(2);
    PersistentVolumeClaim clone =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(target)
            .withNamespace(instance.getMetadata().getNamespace())
            .addToLabels(ApiGroup.INSTANCE_LABEL, instance.getMetadata().getName())
            .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .addToAnnotations(ApiGroup.RESTORE_FROM_ANNOTATION, source.getMetadata().getName())
            .endMetadata()
            .withNewSpec()
            .withAccessModes(source.getSpec().getAccessModes())
            .withStorageClassName(source.getSpec().getStorageClassName())
            .withVolumeMode(source.getSpec().getVolumeMode())
            .withResources(source.getSpec().getResources())
            .withDataSource(
                new TypedLocalObjectReferenceBuilder()
                    .withKind("PersistentVolumeClaim")
                    .withName(source.getMetadata().getName())
                    .build())
            .endSpec()
            .build();
    if (claims().inNamespace(clone.getMetadata().getNamespace()).withName(target).get() != null) {
      return;
    }
    try {
      claims().inNamespace(clone.getMetadata().getNamespace()).resource(clone).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e; // 409: made by an earlier pass
      }
    }
  }

  private MixedOperation<
          PersistentVolumeClaim, PersistentVolumeClaimList, Resource<PersistentVolumeClaim>>
      claims() {
    return client.persistentVolumeClaims();
  }
}
