package io.exomarket.operator.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;

/**
 * The synced user list, mounted into the workload as a file: a user sync updates the file and does
 * not restart the service.
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR))
public class UsersConfigMapDependent
    extends CRUDKubernetesDependentResource<ConfigMap, ManagedServiceInstance> {
  public static final String USERS_FILE = "users.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public UsersConfigMapDependent() {
    super(ConfigMap.class);
  }

  /** Names are fixed by the instance: no need to compute the desired object to find the actual. */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    return new ResourceID(
        WorkloadNames.usersConfigMap(instance), instance.getMetadata().getNamespace());
  }

  @Override
  protected ConfigMap desired(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    String users;
    try {
      users = JSON.writeValueAsString(instance.getSpec().getUsers());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize users", e);
    }
    return new ConfigMapBuilder()
        .withMetadata(WorkloadNames.metadata(instance, WorkloadNames.usersConfigMap(instance)))
        .withData(Map.of(USERS_FILE, users))
        .build();
  }
}
