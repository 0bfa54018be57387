package io.exomarket.operator.delivery;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;

/** Delivery note attempts by result: delivered, not_delivered, ambiguous. */
public final class DeliveryMetrics {
  /** Every result DeliveryNotifier counts. */
  static final String[] RESULTS = {"delivered", "not_delivered", "ambiguous"};

  final Counter notes;

  public DeliveryMetrics(CollectorRegistry registry) {
    notes =
        Counter.build("exomarket_delivery_notes_total", "Delivery note POSTs by result.")
            .labelNames("result")
            .register(registry);
    // Born at 0, so that increase() in the alerts sees the first failure after a start.
    for (String result : RESULTS) {
      notes.labels(result);
    }
  }
}
