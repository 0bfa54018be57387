package io.exomarket.operator.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one outbound call (a usage report, a delivery note). For a call without an
 * idempotency key (Exoscale's metering API) the difference between {@link NotDelivered} and {@link
 * Ambiguous} is the difference between "safe to send again" and "sending again may bill twice".
 */
public sealed interface CallOutcome {

  /** The receiver answered 2xx: the call is applied. */
  record Accepted() implements CallOutcome {}

  /**
   * The call was certainly not applied and may be made again, after {@code retryAfter} when the
   * server said so.
   */
  record NotDelivered(String reason, Optional<Duration> retryAfter) implements CallOutcome {
    public NotDelivered {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /**
   * The receiver processed the request and refused it (a 4xx other than 408 and 429, or a redirect
   * we do not follow): not applied, and sending it unchanged will fail again. {@code body} is
   * truncated.
   */
  record Rejected(int status, String body) implements CallOutcome {
    public Rejected {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * The request may or may not have been applied. Without an idempotency key, never re-send
   * blindly: the ledger must resolve it.
   */
  record Ambiguous(String reason) implements CallOutcome {
    public Ambiguous {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
