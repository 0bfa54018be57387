package io.exomarket.operator.binding;

import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.cache.TrimmedItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The live bindings of an instance, as its workload learns them: the variable {@code
 * instance.bindings} of the workload graph. The instance controller watches bindings through {@link
 * #eventSource}, so a bind or an unbind re-reconciles the instance and the workload creates or
 * drops the account. A binding being deleted is no longer live: leaving the list is its revocation.
 * Entries name the binding's Secret and user; the password stays in that Secret.
 */
public final class InstanceBindings {
  /** The variable's name under {@code instance}. */
  public static final String VARIABLE = "bindings";

  static final String EVENT_SOURCE = "bindings";

  private InstanceBindings() {}

  /** Bindings map to the instance they name; only changes that matter for the list count. */
  public static EventSource<?, ManagedServiceInstance> eventSource(
      EventSourceContext<ManagedServiceInstance> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(
                ManagedServiceBinding.class, ManagedServiceInstance.class)
            .withName(EVENT_SOURCE)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(
                b ->
                    b.getSpec() == null || b.getSpec().getInstanceName() == null
                        ? Set.of()
                        : Set.of(
                            new ResourceID(
                                b.getSpec().getInstanceName(), b.getMetadata().getNamespace())))
            .withOnUpdateFilter(
                (next, old) ->
                    !Objects.equals(
                            next.getMetadata().getDeletionTimestamp(),
                            old.getMetadata().getDeletionTimestamp())
                        || !Objects.equals(secretOf(next), secretOf(old)))
            .withItemStore(TrimmedItemStore.withoutManagedFields())
            .build(),
        context);
  }

  /**
   * The value of {@code instance.bindings}: each live binding with a credential, sorted by name:
   * {@code {name, id, secretName, username}}.
   */
  public static List<Map<String, Object>> live(Context<ManagedServiceInstance> context) {
    return context
        .getSecondaryResourcesAsStream(ManagedServiceBinding.class)
        .filter(b -> b.getMetadata().getDeletionTimestamp() == null && secretOf(b) != null)
        .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
        .map(InstanceBindings::entry)
        .toList();
  }

  private static Map<String, Object> entry(ManagedServiceBinding binding) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", binding.getMetadata().getName());
    entry.put("id", binding.getSpec().getBindingId());
    entry.put("secretName", secretOf(binding));
    entry.put("username", BindingSecrets.usernameOf(binding));
    return entry;
  }

  private static String secretOf(ManagedServiceBinding binding) {
    return binding.getStatus() == null ? null : binding.getStatus().getSecretName();
  }
}
