package io.exomarket.operator.metering.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.testkit.metering.MeteringSink;
import io.exomarket.testkit.metering.SinkFault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Every injected fault, as the client classifies it and as the sink bills it. */
class ClientAgainstSinkFaultsTest {
  static final String SECRET = "s3cr3t-do-not-log";
  static final UUID ORG = UUID.randomUUID();

  final MeteringSink sink =
      MeteringSink.builder()
          .credentials("EXOkey", SECRET)
          .slowDelay(Duration.ofSeconds(20))
          .start();

  @AfterEach
  void close() {
    sink.close();
  }

  /** Generous timeouts, so that a busy build machine does not turn a clean answer ambiguous. */
  MeteringClient client(MeteringSink target, ApiVariant variant) {
    return client(target, variant, Duration.ofSeconds(10));
  }

  /** For requests that meet a SLOW fault: the test waits out this timeout. */
  MeteringClient impatientClient(ApiVariant variant) {
    return client(sink, variant, Duration.ofMillis(800));
  }

  MeteringClient client(MeteringSink target, ApiVariant variant, Duration requestTimeout) {
    return MeteringClientFactory.create(
        MeteringClientConfig.of(
                target.url(), variant, "p", new MeteringCredentials("EXOkey", SECRET))
            .withTimeouts(Duration.ofMillis(300), requestTimeout));
  }

  static UsageReport report(int quantity) {
    return UsageReport.of(ORG, "p", List.of(new UsageRecord("u", BigDecimal.valueOf(quantity))));
  }

  @ParameterizedTest
  @EnumSource(ApiVariant.class)
  void serverErrorIsNotDeliveredAndNotBilled(ApiVariant variant) {
    sink.failNext(SinkFault.SERVER_ERROR);
    CallOutcome outcome = client(sink, variant).send(report(1));
    assertThat(outcome).isEqualTo(new CallOutcome.NotDelivered("HTTP 500", Optional.empty()));
    assertThat(sink.reports()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ApiVariant.class)
  void tooManyRequestsIsNotDeliveredWithItsRetryAfter(ApiVariant variant) {
    sink.failNext(SinkFault.TOO_MANY_REQUESTS);
    CallOutcome outcome = client(sink, variant).send(report(1));
    assertThat(outcome)
        .isEqualTo(new CallOutcome.NotDelivered("HTTP 429", Optional.of(Duration.ofSeconds(1))));
    assertThat(sink.reports()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ApiVariant.class)
  void slowIsAmbiguousAndBilled(ApiVariant variant) {
    sink.failNext(SinkFault.SLOW);
    CallOutcome outcome = impatientClient(variant).send(report(1));
    assertThat(outcome)
        .isEqualTo(new CallOutcome.Ambiguous("no response within the request timeout"));
    assertThat(sink.reports()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ApiVariant.class)
  void resetAfterReadIsAmbiguousAndBilled(ApiVariant variant) {
    sink.failNext(SinkFault.RESET_AFTER_READ);
    assertThat(client(sink, variant).send(report(1))).isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(sink.reports()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ApiVariant.class)
  void resetBeforeApplyIsAmbiguousAndNotBilled(ApiVariant variant) {
    sink.failNext(SinkFault.RESET_BEFORE_APPLY);
    assertThat(client(sink, variant).send(report(1))).isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(sink.reports()).isEmpty();
  }

  @Test
  void queuedFaultsApplyOnceEachInOrderAndTheClientNeverResends() {
    sink.failNext(SinkFault.RESET_BEFORE_APPLY, SinkFault.SERVER_ERROR, SinkFault.RESET_AFTER_READ);
    MeteringClient client = client(sink, ApiVariant.PARTNER);
    List<Class<?>> outcomes = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      outcomes.add(client.send(report(i)).getClass());
    }
    assertThat(outcomes)
        .containsExactly(
            CallOutcome.Ambiguous.class,
            CallOutcome.NotDelivered.class,
            CallOutcome.Ambiguous.class,
            CallOutcome.Accepted.class);
    assertThat(sink.meteringRequests()).isEqualTo(4);
    assertThat(sink.reports()).extracting(r -> r.quantity().intValue()).containsExactly(3, 4);
  }

  @Test
  void aSlowAnswerIsBilledEvenThoughTheClientHasGivenUp() {
    sink.failNext(SinkFault.SLOW);
    assertThat(impatientClient(ApiVariant.PARTNER).send(report(1)))
        .isInstanceOf(CallOutcome.Ambiguous.class);
    assertThat(sink.reports()).hasSize(1);
    // The held answer blocks neither the sink nor the next request.
    assertThat(client(sink, ApiVariant.PARTNER).send(report(2)))
        .isEqualTo(new CallOutcome.Accepted());
    assertThat(sink.reports()).hasSize(2);
  }

  @Test
  void randomFaultsAreReproducibleForASeedAndBillExactlyWhatTheyClaim() {
    List<String> first = randomRun(42);
    List<String> second = randomRun(42);
    assertThat(first).isEqualTo(second);
    assertThat(first)
        .contains("Accepted", "NotDelivered", "Ambiguous/billed", "Ambiguous/unbilled");
  }

  /** Outcomes of 40 reports against a fresh sink, each tagged with whether the sink billed it. */
  private List<String> randomRun(long seed) {
    try (MeteringSink random =
        MeteringSink.builder().credentials("EXOkey", SECRET).seed(seed).start()) {
      random.failRandomly(SinkFault.SERVER_ERROR, 0.15);
      random.failRandomly(SinkFault.TOO_MANY_REQUESTS, 0.1);
      random.failRandomly(SinkFault.RESET_AFTER_READ, 0.15);
      random.failRandomly(SinkFault.RESET_BEFORE_APPLY, 0.15);
      MeteringClient client = client(random, ApiVariant.PARTNER);
      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        CallOutcome outcome = client.send(report(i));
        int quantity = i;
        boolean billed =
            random.reports().stream().anyMatch(r -> r.quantity().intValue() == quantity);
        String name = outcome.getClass().getSimpleName();
        assertThat(outcome).isNotInstanceOf(CallOutcome.Rejected.class);
        if (outcome instanceof CallOutcome.Accepted) {
          assertThat(billed).as("accepted %d", i).isTrue();
        } else if (outcome instanceof CallOutcome.NotDelivered) {
          assertThat(billed).as("not delivered %d", i).isFalse();
        } else {
          name += billed ? "/billed" : "/unbilled";
        }
        outcomes.add(name);
      }
      return outcomes;
    }
  }

  @Test
  void neitherTheClientNorTheSinkLogsTheSecretOrSignature() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      for (SinkFault fault : SinkFault.values()) {
        sink.failNext(fault);
        impatientClient(ApiVariant.PARTNER).send(report(1));
      }
      MeteringClient client = client(sink, ApiVariant.PARTNER);
      client.send(report(2));
      MeteringClientFactory.create(
              MeteringClientConfig.of(
                  sink.url(),
                  ApiVariant.LEGACY,
                  "p",
                  new MeteringCredentials("EXOkey", "wrong-" + SECRET)))
          .send(report(3));
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list)
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .doesNotContain(SECRET, "signature=", "EXO2-HMAC-SHA256 credential"));
  }
}
