package io.exomarket.operator.outbound;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * Maps what {@link java.net.http.HttpClient} reports to a {@link CallOutcome}. The one question is
 * whether the receiver may have applied the request.
 *
 * <ul>
 *   <li>Failures before a connection exists cannot have sent a byte: {@link ConnectException}
 *       (refused, unreachable, and unresolvable host, which the JDK wraps in it), {@link
 *       HttpConnectTimeoutException}, {@link UnknownHostException}, and a failed TLS handshake (no
 *       application data flows before it completes). They are {@code NotDelivered}.
 *   <li>Any other {@link IOException} comes after connecting, when the body may be on the wire or
 *       processed: a request {@link HttpTimeoutException} (checked after its connect subclass), a
 *       reset, an EOF before or inside the headers, an unparsable status line. Those are {@code
 *       Ambiguous}, as is anything unexpected.
 *   <li>A status line is the receiver's word: 2xx applied; 408, 429 and 5xx not applied (retry,
 *       after {@code Retry-After} if given); other 3xx/4xx refused. Exception, when asked: 502 and
 *       504 are {@code Ambiguous}, because they come from a gateway that lost or gave up on the
 *       upstream, which may have applied the request — the same situation as our own timeout, one
 *       hop further.
 * </ul>
 *
 * The JDK client never re-sends a POST by itself unless {@code jdk.httpclient.enableAllMethodRetry}
 * is set, which {@link OutboundHttp} refuses.
 */
public final class OutcomeClassifier {
  static final int MAX_BODY_CHARS = 2048;

  private final Clock clock;
  private final boolean gatewayErrorsAmbiguous;

  /**
   * @param gatewayErrorsAmbiguous whether 502 and 504 mean "may have been applied" (a call without
   *     an idempotency key must say so) or simply "not delivered" (a receiver that deduplicates)
   */
  public OutcomeClassifier(Clock clock, boolean gatewayErrorsAmbiguous) {
    this.clock = clock;
    this.gatewayErrorsAmbiguous = gatewayErrorsAmbiguous;
  }

  public CallOutcome fromStatus(int status, HttpHeaders headers, String body) {
    if (status >= 200 && status < 300) {
      return new CallOutcome.Accepted();
    }
    if (gatewayErrorsAmbiguous && (status == 502 || status == 504)) {
      return new CallOutcome.Ambiguous(
          "HTTP " + status + " from a gateway: the upstream may have applied the request");
    }
    if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
      return new CallOutcome.NotDelivered(
          "HTTP " + status, RetryAfter.parse(headers.firstValue("Retry-After"), clock));
    }
    if (status >= 300 && status < 500) {
      return new CallOutcome.Rejected(status, truncate(body));
    }
    return new CallOutcome.Ambiguous("unexpected HTTP status " + status);
  }

  public CallOutcome fromFailure(Throwable failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return notDelivered("connect timed out", failure);
    }
    if (failure instanceof ConnectException
        || failure instanceof UnknownHostException
        || failure instanceof UnresolvedAddressException) {
      return notDelivered("could not connect", failure);
    }
    if (failure instanceof SSLHandshakeException) {
      return notDelivered("TLS handshake failed", failure);
    }
    if (failure instanceof HttpTimeoutException) {
      return new CallOutcome.Ambiguous("no response within the request timeout");
    }
    if (failure instanceof IOException) {
      return new CallOutcome.Ambiguous("connection failed after connecting: " + describe(failure));
    }
    return new CallOutcome.Ambiguous("unexpected failure: " + describe(failure));
  }

  private static CallOutcome notDelivered(String what, Throwable failure) {
    return new CallOutcome.NotDelivered(what + ": " + describe(failure), Optional.empty());
  }

  public static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
    if (t.getMessage() != null) {
      sb.append(' ').append(t.getMessage());
    }
    if (t.getCause() != null && t.getCause() != t) {
      sb.append(" (").append(t.getCause().getClass().getSimpleName());
      if (t.getCause().getMessage() != null) {
        sb.append(' ').append(t.getCause().getMessage());
      }
      sb.append(')');
    }
    return sb.toString();
  }

  static String truncate(String body) {
    if (body == null) {
      return "";
    }
    return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS) + "…";
  }
}
