package io.exomarket.operator.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanResources;
import io.exomarket.api.v1alpha1.WorkloadTemplate;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workload: image and size from the plan, zero replicas while suspended (the PVCs stay), the
 * credentials and the synced users handed to the service.
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR))
public class StatefulSetDependent
    extends CRUDKubernetesDependentResource<StatefulSet, ManagedServiceInstance> {
  public static final String USERS_MOUNT = "/etc/exomarket";
  private static final ObjectMapper JSON = new ObjectMapper();

  public StatefulSetDependent() {
    super(StatefulSet.class);
  }

  /** Names are fixed by the instance: no need to compute the desired object to find the actual. */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    return new ResourceID(WorkloadNames.workload(instance), instance.getMetadata().getNamespace());
  }

  @Override
  protected StatefulSet desired(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    ResolvedPlan resolved = WorkloadNames.plan(context);
    WorkloadTemplate workload = resolved.offering().getSpec().getWorkload();
    PlanResources size = resolved.plan().getResources();
    Map<String, Quantity> limits = Map.of("cpu", size.getCpu(), "memory", size.getMemory());
    int replicas = instance.getSpec().isSuspended() ? 0 : size.getReplicas();

    return new StatefulSetBuilder()
        .withMetadata(WorkloadNames.metadata(instance, WorkloadNames.workload(instance)))
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(WorkloadNames.workload(instance))
        .withNewSelector()
        .withMatchLabels(WorkloadNames.selector(instance))
        .endSelector()
        .withNewPersistentVolumeClaimRetentionPolicy()
        .withWhenScaled("Retain")
        .withWhenDeleted("Delete")
        .endPersistentVolumeClaimRetentionPolicy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(WorkloadNames.labels(instance))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .addNewContainer()
        .withName("service")
        .withImage(workload.getImage())
        .addNewPort()
        .withName("service")
        .withContainerPort(workload.getPort())
        .endPort()
        .withEnv(env(instance, resolved))
        .withNewResources()
        .withRequests(limits)
        .withLimits(limits)
        .endResources()
        .addNewVolumeMount()
        .withName(WorkloadNames.DATA_VOLUME)
        .withMountPath(workload.getDataPath())
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("users")
        .withMountPath(USERS_MOUNT)
        .withReadOnly(true)
        .endVolumeMount()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .endSecurityContext()
        .endContainer()
        .addNewVolume()
        .withName("users")
        .withNewConfigMap()
        .withName(WorkloadNames.usersConfigMap(instance))
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(volumeClaimTemplates(instance, context, workload, size))
        .endSpec()
        .build();
  }

  /**
   * Volume claim templates cannot change after creation; an existing StatefulSet keeps its own, and
   * a bigger plan grows the PVCs themselves (see PvcResizer).
   */
  private List<PersistentVolumeClaim> volumeClaimTemplates(
      ManagedServiceInstance instance,
      Context<ManagedServiceInstance> context,
      WorkloadTemplate workload,
      PlanResources size) {
    var existing = getSecondaryResource(instance, context);
    if (existing.isPresent() && existing.get().getSpec().getVolumeClaimTemplates() != null) {
      return existing.get().getSpec().getVolumeClaimTemplates();
    }
    return List.of(
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(WorkloadNames.DATA_VOLUME)
            .withLabels(WorkloadNames.labels(instance))
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withStorageClassName(workload.getStorageClass())
            .withNewResources()
            .withRequests(Map.of("storage", size.getStorage()))
            .endResources()
            .endSpec()
            .build());
  }

  private static List<EnvVar> env(ManagedServiceInstance instance, ResolvedPlan resolved) {
    List<EnvVar> env = new ArrayList<>();
    resolved
        .offering()
        .getSpec()
        .getWorkload()
        .getEnv()
        .forEach((name, value) -> env.add(new EnvVar(name, value, null)));
    env.add(new EnvVar("SERVICE_INSTANCE_ID", instance.getSpec().getInstanceId(), null));
    env.add(new EnvVar("SERVICE_PLAN_ID", resolved.plan().getId(), null));
    env.add(new EnvVar("SERVICE_ORGANIZATION", instance.getSpec().getOrganization(), null));
    env.add(
        new EnvVar(
            "SERVICE_USERS_FILE", USERS_MOUNT + "/" + UsersConfigMapDependent.USERS_FILE, null));
    env.add(new EnvVar("SERVICE_PARAMETERS", parameters(instance), null));
    env.add(secretEnv("SERVICE_USERNAME", instance, "username"));
    env.add(secretEnv("SERVICE_PASSWORD", instance, "password"));
    return env;
  }

  private static EnvVar secretEnv(String name, ManagedServiceInstance instance, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(WorkloadNames.credentialsSecret(instance))
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static String parameters(ManagedServiceInstance instance) {
    try {
      return instance.getSpec().getParameters() == null
          ? "{}"
          : JSON.writeValueAsString(instance.getSpec().getParameters());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize parameters", e);
    }
  }
}
