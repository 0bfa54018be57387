package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;

/**
 * Keeps other tenants out: the workload accepts traffic only from its own namespace and from
 * namespaces the provider labels {@code marketplace.exomarket.io/provider-access=true} (its ingress
 * and monitoring).
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR))
public class NetworkPolicyDependent
    extends CRUDKubernetesDependentResource<NetworkPolicy, ManagedServiceInstance> {

  public NetworkPolicyDependent() {
    super(NetworkPolicy.class);
  }

  /** Names are fixed by the instance: no need to compute the desired object to find the actual. */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    return new ResourceID(
        WorkloadNames.networkPolicy(instance), instance.getMetadata().getNamespace());
  }

  @Override
  protected NetworkPolicy desired(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    return new NetworkPolicyBuilder()
        .withMetadata(WorkloadNames.metadata(instance, WorkloadNames.networkPolicy(instance)))
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(WorkloadNames.selector(instance))
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .withFrom(
            new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build(),
            new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector()
                .withMatchLabels(Map.of(WorkloadNames.PROVIDER_ACCESS_LABEL, "true"))
                .endNamespaceSelector()
                .build())
        .endIngress()
        .endSpec()
        .build();
  }
}
