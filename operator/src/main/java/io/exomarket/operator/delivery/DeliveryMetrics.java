package io.exomarket.operator.delivery;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;

/** Delivery note attempts by result: delivered, not_delivered, ambiguous. */
public final class DeliveryMetrics {
  final Counter notes;

  public DeliveryMetrics(CollectorRegistry registry) {
    notes =
        Counter.build("exomarket_delivery_notes_total", "Delivery note POSTs by result.")
            .labelNames("result")
            .register(registry);
  }
}
