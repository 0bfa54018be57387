package io.exomarket.operator.metering.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one attempt to send a usage report. Exoscale has no idempotency key, so the
 * difference between {@link NotDelivered} and {@link Ambiguous} is the difference between "safe to
 * send again" and "sending again may bill twice".
 */
public sealed interface ReportOutcome {

  /** Exoscale answered 2xx: the usage is applied. */
  record Accepted() implements ReportOutcome {}

  /**
   * The usage was certainly not applied and the same report may be sent again, after {@code
   * retryAfter} when the server said so.
   */
  record NotDelivered(String reason, Optional<Duration> retryAfter) implements ReportOutcome {
    public NotDelivered {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /**
   * Exoscale processed the request and refused it (a 4xx other than 408 and 429, or a redirect
   * we do not follow): not applied, and sending it unchanged will fail again. {@code body} is
   * truncated.
   */
  record Rejected(int status, String body) implements ReportOutcome {
    public Rejected {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * The request may or may not have been applied. Never re-send blindly: the ledger must resolve
   * it.
   */
  record Ambiguous(String reason) implements ReportOutcome {
    public Ambiguous {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
