package io.exomarket.broker.instances;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The ServiceOffering resources, kept current by an informer: the catalog changes without a
 * restart.
 */
public final class Offerings implements AutoCloseable {
  private static final String BY_SERVICE_ID = "serviceId";
  private final SharedIndexInformer<ServiceOffering> informer;

  public Offerings(KubernetesClient client) {
    informer = client.resources(ServiceOffering.class).runnableInformer(0);
    informer.addIndexers(
        Map.of(
            BY_SERVICE_ID,
            o ->
                o.getSpec() == null || o.getSpec().getId() == null
                    ? List.of()
                    : List.of(o.getSpec().getId())));
  }

  public CompletionStage<Void> start() {
    return informer.start();
  }

  public boolean synced() {
    return informer.hasSynced();
  }

  /** The offering with this OSB service id; the oldest wins should two resources claim it. */
  public Optional<ServiceOfferingSpec> byServiceId(String serviceId) {
    return informer.getIndexer().byIndex(BY_SERVICE_ID, serviceId).stream()
        .min(
            Comparator.comparing(
                o -> o.getMetadata().getCreationTimestamp(),
                Comparator.nullsLast(Comparator.naturalOrder())))
        .map(ServiceOffering::getSpec);
  }

  /**
   * Why the offering cannot take new instances, when the operator says so for its current
   * generation (its workload graph does not compile, or a kind it uses is unavailable); empty
   * otherwise, also before the operator has looked at it.
   */
  public Optional<String> notReady(String serviceId) {
    return informer.getIndexer().byIndex(BY_SERVICE_ID, serviceId).stream()
        .min(
            Comparator.comparing(
                o -> o.getMetadata().getCreationTimestamp(),
                Comparator.nullsLast(Comparator.naturalOrder())))
        .filter(o -> o.getStatus() != null)
        .flatMap(
            o ->
                o.getStatus()
                    .condition(ConditionType.READY)
                    .filter(c -> "False".equals(c.getStatus()))
                    .filter(
                        c ->
                            Objects.equals(
                                c.getObservedGeneration(), o.getMetadata().getGeneration()))
                    .map(c -> c.getReason()));
  }

  public List<ServiceOfferingSpec> all() {
    return informer.getStore().list().stream()
        .map(ServiceOffering::getSpec)
        .filter(Objects::nonNull)
        .filter(s -> s.getId() != null && s.getName() != null)
        .toList();
  }

  @Override
  public void close() {
    informer.close();
  }
}
