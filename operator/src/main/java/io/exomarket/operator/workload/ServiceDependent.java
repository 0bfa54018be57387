package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The headless Service that gives the StatefulSet's pods stable DNS names. */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR))
public class ServiceDependent
    extends CRUDKubernetesDependentResource<Service, ManagedServiceInstance> {

  public ServiceDependent() {
    super(Service.class);
  }

  /** Names are fixed by the instance: no need to compute the desired object to find the actual. */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    return new ResourceID(WorkloadNames.workload(instance), instance.getMetadata().getNamespace());
  }

  @Override
  protected Service desired(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    int port = WorkloadNames.plan(context).offering().getSpec().getWorkload().getPort();
    return new ServiceBuilder()
        .withMetadata(WorkloadNames.metadata(instance, WorkloadNames.workload(instance)))
        .withNewSpec()
        .withClusterIP("None")
        .withSelector(WorkloadNames.selector(instance))
        .addNewPort()
        .withName("service")
        .withPort(port)
        .withNewTargetPort(port)
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
