package io.exomarket.operator.binding;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.BindingState;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.cache.SerializedItemStore;
import io.exomarket.operator.catalog.OfferingCatalog;
import io.exomarket.operator.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The java-operator-sdk entry point for ManagedServiceBindings. Bind: find the instance and its
 * offering ({@link BindingTarget}), write the intent, make the credential once ({@link
 * BindingSecrets}), record Ready. Unbind (the finalizer): record the intent, delete the credential;
 * the binding leaves the instance's live bindings as soon as it is marked for deletion, which is
 * what makes the workload drop the account, then the finalizer goes.
 */
@ControllerConfiguration(name = BindingReconciler.NAME, finalizerName = BindingReconciler.FINALIZER)
public class BindingReconciler
    implements Reconciler<ManagedServiceBinding>, Cleaner<ManagedServiceBinding> {
  public static final String NAME = "managedservicebinding";
  public static final String FINALIZER = ApiGroup.NAME + "/binding-finalizer";
  private static final String BY_INSTANCE = "byInstance";

  private final Clock clock;
  private final OfferingCatalog catalog = new OfferingCatalog();
  private final BindingSecrets secrets;
  private final CredentialsTemplate credentials = new CredentialsTemplate();
  private final EventRecorder events;
  private volatile InformerEventSource<ManagedServiceInstance, ManagedServiceBinding> instances;

  public BindingReconciler(Clock clock, KubernetesClient client, EventRecorder events) {
    this.clock = clock;
    this.secrets = new BindingSecrets(client);
    this.events = events;
  }

  /** Instances and offerings re-reconcile the bindings that wait for them. */
  @Override
  public List<EventSource<?, ManagedServiceBinding>> prepareEventSources(
      EventSourceContext<ManagedServiceBinding> context) {
    var bindings = context.getPrimaryCache();
    bindings.addIndexer(
        BY_INSTANCE,
        b -> List.of(b.getMetadata().getNamespace() + "/" + b.getSpec().getInstanceName()));
    instances =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    ManagedServiceInstance.class, ManagedServiceBinding.class)
                .withName("instances")
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    i ->
                        bindings
                            .byIndex(
                                BY_INSTANCE,
                                i.getMetadata().getNamespace() + "/" + i.getMetadata().getName())
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                // Every instance is cached here too: as JSON, as in the instance controller.
                .withItemStore(SerializedItemStore.of(ManagedServiceInstance.class))
                .withInformerListLimit(SerializedItemStore.LIST_PAGE)
                .build(),
            context);
    InformerEventSource<ServiceOffering, ManagedServiceBinding> offerings =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    ServiceOffering.class, ManagedServiceBinding.class)
                .withName("offerings")
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(
                    o ->
                        bindings
                            .list()
                            .filter(
                                b ->
                                    b.getStatus() == null
                                        || b.getStatus().getState() != BindingState.Ready)
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    catalog.attach(offerings);
    return List.of(instances, offerings);
  }

  @Override
  public UpdateControl<ManagedServiceBinding> reconcile(
      ManagedServiceBinding binding, Context<ManagedServiceBinding> context) {
    BindingStatusWriter status = new BindingStatusWriter(binding, context, clock);
    BindingTarget target = BindingTarget.resolve(binding, instanceOf(binding), catalog);
    if (target.stalled() != null) {
      status.stalled(target.stalled(), target.message());
      return UpdateControl.noUpdate();
    }
    if (target.waiting() != null) {
      status.binding(target.waiting(), target.message());
      return UpdateControl.noUpdate();
    }
    var known = status.current().getStatus();
    boolean bound =
        known != null && known.getSecretName() != null && known.getState() == BindingState.Ready;
    if (!bound) {
      // The intent, first. A bound binding is not marked in progress again on later reconciles
      // (its instance changing, say): a platform reading it then would be told it is not bound.
      status.binding(Reason.BINDING, "making the binding's credential");
    }
    Secret secret;
    try {
      secret =
          secrets.ensure(
              binding,
              vars ->
                  credentials.render(target.offering(), target.instance(), target.plan(), vars));
    } catch (CredentialsTemplate.RenderException e) {
      status.stalled(Reason.INVALID_CREDENTIALS, e.getMessage());
      events.warning(status.current(), Reason.INVALID_CREDENTIALS, e.getMessage());
      return UpdateControl.noUpdate();
    }
    boolean first = status.current().getStatus().getSecretName() == null;
    status.ready(secret.getMetadata().getName());
    if (first) {
      events.normal(
          status.current(),
          Reason.READY,
          "bound to "
              + binding.getSpec().getInstanceName()
              + "; credentials in Secret "
              + secret.getMetadata().getName());
    }
    return UpdateControl.noUpdate();
  }

  /** Revoke: the intent, then the credential goes; the workload drops the account. */
  @Override
  public DeleteControl cleanup(
      ManagedServiceBinding binding, Context<ManagedServiceBinding> context) {
    BindingStatusWriter status = new BindingStatusWriter(binding, context, clock);
    status.unbinding();
    secrets.delete(binding);
    events.normal(status.current(), Reason.UNBINDING, "credential revoked");
    return DeleteControl.defaultDelete();
  }

  private ManagedServiceInstance instanceOf(ManagedServiceBinding binding) {
    return instances
        .get(
            new ResourceID(
                binding.getSpec().getInstanceName(), binding.getMetadata().getNamespace()))
        .orElse(null);
  }
}
