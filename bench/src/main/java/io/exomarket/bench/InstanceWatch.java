package io.exomarket.bench;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Waits on the operator's instances through one watch (an informer's cache), so that waiting costs
 * the API server nothing per instance and does not show in the request counts.
 */
public final class InstanceWatch implements AutoCloseable {
  private final SharedIndexInformer<ManagedServiceInstance> informer;

  public InstanceWatch(KubernetesClient client, String run) {
    this.informer =
        client
            .resources(ManagedServiceInstance.class)
            .inAnyNamespace()
            .withLabel(BenchObjects.RUN_LABEL, run)
            .inform();
  }

  /** Ready at the current generation, as a platform waits for it. */
  public static boolean isReady(ManagedServiceInstance msi) {
    return msi != null
        && msi.getStatus() != null
        && msi.getStatus().getState() == InstanceState.Ready
        && msi.getMetadata().getGeneration() != null
        && msi.getMetadata().getGeneration().equals(msi.getStatus().getObservedGeneration());
  }

  public void awaitReady(Collection<String> keys, Duration timeout) throws Exception {
    await(keys, timeout, InstanceWatch::isReady, "Ready");
  }

  public void awaitGone(Collection<String> keys, Duration timeout) throws Exception {
    await(keys, timeout, msi -> msi == null, "gone");
  }

  public void await(
      Collection<String> keys,
      Duration timeout,
      Predicate<ManagedServiceInstance> done,
      String what)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!keys.stream().map(k -> informer.getStore().getByKey(k)).allMatch(done)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "not all "
                + keys.size()
                + " instances "
                + what
                + " after "
                + timeout
                + ": "
                + where(keys, done));
      }
      Thread.sleep(20); // polls the local cache only
    }
  }

  private String where(Collection<String> keys, Predicate<ManagedServiceInstance> done) {
    Map<String, Long> states =
        keys.stream()
            .map(k -> informer.getStore().getByKey(k))
            .filter(done.negate())
            .collect(
                Collectors.groupingBy(
                    m ->
                        m == null || m.getStatus() == null
                            ? "no status"
                            : m.getStatus().getState() + ": " + m.getStatus().getMessage(),
                    TreeMap::new,
                    Collectors.counting()));
    return states.toString();
  }

  @Override
  public void close() {
    informer.close();
  }
}
