package io.exomarket.operator.delivery;

import java.time.Duration;
import java.util.Optional;

/** What one POST of a delivery note achieved. */
public sealed interface DeliveryOutcome {
  /** 2xx: the receiver has the note. */
  record Delivered(int status) implements DeliveryOutcome {}

  /** Surely not processed (connection refused, 5xx, 429, other 4xx): send again later. */
  record NotDelivered(String reason, Optional<Duration> retryAfter) implements DeliveryOutcome {}

  /** May have been processed (timeout or reset after the request went out). */
  record Ambiguous(String reason) implements DeliveryOutcome {}
}
