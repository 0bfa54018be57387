package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The instance's service credentials. A creator only, never an updater: the password is generated
 * once, and nothing the operator does later rotates it silently.
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR))
public class CredentialsSecretDependent
    extends KubernetesDependentResource<Secret, ManagedServiceInstance>
    implements Creator<Secret, ManagedServiceInstance>, GarbageCollected<ManagedServiceInstance> {
  private static final SecureRandom RANDOM = new SecureRandom();

  public CredentialsSecretDependent() {
    super(Secret.class);
  }

  /** Names are fixed by the instance: no need to compute the desired object to find the actual. */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    return new ResourceID(
        WorkloadNames.credentialsSecret(instance), instance.getMetadata().getNamespace());
  }

  @Override
  protected Secret desired(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    byte[] password = new byte[24];
    RANDOM.nextBytes(password);
    return new SecretBuilder()
        .withMetadata(WorkloadNames.metadata(instance, WorkloadNames.credentialsSecret(instance)))
        .withType("Opaque")
        .withData(
            Map.of(
                "username", base64("admin"),
                "password",
                    base64(Base64.getUrlEncoder().withoutPadding().encodeToString(password))))
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder()
        .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
