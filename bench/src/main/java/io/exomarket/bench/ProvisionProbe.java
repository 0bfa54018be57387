package io.exomarket.bench;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance at a time, created and timed until Ready, then deleted (untimed): the cost of one
 * provision, probed before and after a fleet exists, so that growth with the fleet shows.
 */
final class ProvisionProbe {
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final InstanceWatch watch;
  private final ApiRequests requests;
  private final String namespace;

  ProvisionProbe(
      KubernetesClient client, InstanceWatch watch, ApiRequests requests, String namespace) {
    this.client = client;
    this.watch = watch;
    this.requests = requests;
    this.namespace = namespace;
  }

  record Probes(List<Double> seconds, RequestCounts requests) {
    /** One table run per probe: this probe set against {@code before}, pairwise. */
    List<Row.Run> against(Probes before) {
      int count = seconds.size();
      List<Row.Run> runs = new ArrayList<>();
      for (int j = 0; j < count; j++) {
        runs.add(
            new Row.Run(
                seconds.get(j),
                before.seconds().get(j),
                Attribution.own(requests).perInstance(count),
                Attribution.own(before.requests()).perInstance(count)));
      }
      return runs;
    }
  }

  Probes run(String phase, int count) throws Exception {
    List<Double> seconds = new ArrayList<>();
    RequestCounts total = null;
    for (int j = 0; j < count; j++) {
      ManagedServiceInstance msi =
          BenchObjects.instance(namespace, phase + "-" + j, BenchObjects.OPERATOR_RUN);
      String key = namespace + "/" + msi.getMetadata().getName();
      RequestCounts start = requests.snapshot();
      long t0 = System.nanoTime();
      client.resource(msi).create();
      watch.awaitReady(List.of(key), Duration.ofMinutes(2));
      seconds.add((System.nanoTime() - t0) / 1e9);
      Thread.sleep(SETTLE.toMillis()); // a late status write belongs to this provision
      RequestCounts spent = requests.snapshot().minus(start);
      total = total == null ? spent : total.plus(spent);
      client.resource(msi).delete();
      watch.awaitGone(List.of(key), Duration.ofMinutes(2));
    }
    return new Probes(seconds, total);
  }
}
