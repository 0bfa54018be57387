package io.exomarket.operator.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final OutcomeClassifier CLASSIFIER =
      new OutcomeClassifier(Clock.fixed(NOW, ZoneOffset.UTC), true);

  static HttpHeaders headers(Map<String, List<String>> map) {
    return HttpHeaders.of(map, (k, v) -> true);
  }

  static CallOutcome status(int status) {
    return CLASSIFIER.fromStatus(status, headers(Map.of()), "body " + status);
  }

  @Test
  void statusesMapToOutcomes() {
    assertThat(status(200)).isInstanceOf(CallOutcome.Accepted.class);
    assertThat(status(204)).isInstanceOf(CallOutcome.Accepted.class);
    assertThat(status(202)).isInstanceOf(CallOutcome.Accepted.class);
    assertThat(status(500)).isInstanceOf(CallOutcome.NotDelivered.class);
    assertThat(status(503)).isInstanceOf(CallOutcome.NotDelivered.class);
    assertThat(status(429)).isInstanceOf(CallOutcome.NotDelivered.class);
    assertThat(status(408)).isInstanceOf(CallOutcome.NotDelivered.class);
    assertThat(status(502)).isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(status(504)).isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(status(400)).isEqualTo(new CallOutcome.Rejected(400, "body 400"));
    assertThat(status(401)).isEqualTo(new CallOutcome.Rejected(401, "body 401"));
    assertThat(status(409)).isEqualTo(new CallOutcome.Rejected(409, "body 409"));
    assertThat(status(308)).isEqualTo(new CallOutcome.Rejected(308, "body 308"));
    assertThat(status(600)).isInstanceOf(CallOutcome.Ambiguous.class);
  }

  @Test
  void aRejectedBodyIsTruncated() {
    CallOutcome outcome = CLASSIFIER.fromStatus(400, headers(Map.of()), "x".repeat(10_000));
    assertThat(((CallOutcome.Rejected) outcome).body()).hasSizeLessThan(2100);
  }

  @Test
  void retryAfterIsReadAsSecondsOrHttpDate() {
    assertThat(retryAfter("1")).contains(Duration.ofSeconds(1));
    assertThat(retryAfter(" 120 ")).contains(Duration.ofSeconds(120));
    assertThat(retryAfter("Sat, 01 Mar 2025 12:01:30 GMT")).contains(Duration.ofSeconds(90));
    assertThat(retryAfter("Sat, 01 Mar 2025 11:00:00 GMT")).contains(Duration.ZERO);
    assertThat(retryAfter("soon")).isEmpty();
    assertThat(retryAfter("-5")).isEmpty();
    assertThat(retryAfter("99999999999999999999999")).isEmpty();
    assertThat(((CallOutcome.NotDelivered) status(429)).retryAfter()).isEmpty();
  }

  private static Optional<Duration> retryAfter(String value) {
    CallOutcome outcome =
        CLASSIFIER.fromStatus(429, headers(Map.of("Retry-After", List.of(value))), "");
    return ((CallOutcome.NotDelivered) outcome).retryAfter();
  }

  @Test
  void failuresBeforeAConnectionExistsAreNotDelivered() {
    assertThat(CLASSIFIER.fromFailure(new ConnectException("Connection refused")))
        .isInstanceOf(CallOutcome.NotDelivered.class);
    assertThat(CLASSIFIER.fromFailure(new HttpConnectTimeoutException("HTTP connect timed out")))
        .isInstanceOf(CallOutcome.NotDelivered.class);
    assertThat(CLASSIFIER.fromFailure(new UnknownHostException("metering.invalid")))
        .isInstanceOf(CallOutcome.NotDelivered.class);
    assertThat(CLASSIFIER.fromFailure(new SSLHandshakeException("PKIX path building failed")))
        .isInstanceOf(CallOutcome.NotDelivered.class);
  }

  @Test
  void failuresAfterConnectingAreAmbiguous() {
    assertThat(CLASSIFIER.fromFailure(new HttpTimeoutException("request timed out")))
        .isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(CLASSIFIER.fromFailure(new IOException("Connection reset")))
        .isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(CLASSIFIER.fromFailure(new EOFException("EOF reached while reading")))
        .isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(CLASSIFIER.fromFailure(new ProtocolException("Invalid status line")))
        .isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(CLASSIFIER.fromFailure(new IllegalStateException("?")))
        .isInstanceOf(CallOutcome.Ambiguous.class);
  }
}
