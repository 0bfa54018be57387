package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.status.ConditionType;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.client.ApiVariant;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.MeteringClientConfig;
import io.exomarket.operator.metering.client.MeteringClientFactory;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.metering.MeteringSecret;
import io.exomarket.testkit.metering.MeteringSink;
import io.exomarket.testkit.metering.RecordedUsage;
import io.exomarket.testkit.metering.SinkFault;
import io.exomarket.testkit.time.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real operator, the mock API server and the metering sink, with a hand-moved clock. */
@MockApiTier
class UsageReportingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final Duration GIVE_UP = Duration.ofHours(1);
  private static final Duration LAG_THRESHOLD = Duration.ofMinutes(3);
  @RegisterExtension final OperatorHarness harness = OperatorHarness.onMock();
  private KubernetesClient client;
  private MeteringSink sink;
  private MutableClock clock;
  private ExomarketOperator operator;

  /**
   * What the next send does around the real one: "crash-after-send", "crash-before-send" or null.
   */
  private final AtomicReference<String> crash = new AtomicReference<>();

  @BeforeEach
  void start() {
    client = harness.client();
    Fixtures.namespace(client, "ops");
    Fixtures.namespace(client, "tenant");
    MeteringSecret.apply(client, "ops", "metering", "EXOtest", "s3cr3t");
    sink = MeteringSink.start(0, "EXOtest", "s3cr3t");
    clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    operator = startOperator();
  }

  private UsageSettings settings(boolean releaseOnGiveUp) {
    return new UsageSettings(
        sink.url(),
        ApiVariant.PARTNER,
        "acme-db",
        "ops",
        "metering",
        WINDOW,
        Duration.ofSeconds(5),
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        GIVE_UP,
        releaseOnGiveUp,
        LAG_THRESHOLD);
  }

  private ExomarketOperator startOperator() {
    return startOperator(settings(false));
  }

  private ExomarketOperator startOperator(UsageSettings usage) {
    Function<MeteringClientConfig, MeteringClient> clients =
        config -> {
          MeteringClient real = MeteringClientFactory.create(config);
          return report -> {
            String mode = crash.getAndSet(null);
            if ("crash-before-send".equals(mode)) {
              throw new IllegalStateException("simulated crash after the pending write");
            }
            var outcome = real.send(report);
            if ("crash-after-send".equals(mode)) {
              throw new IllegalStateException("simulated crash after the send");
            }
            return outcome;
          };
        };
    return harness.startOperator(
        OperatorConfig.defaults().withClock(clock).withUsage(usage), clients);
  }

  @AfterEach
  void stop() {
    operator.close();
    sink.close();
  }

  private ManagedServiceInstance get(ManagedServiceInstance msi) {
    return client.resource(msi).get();
  }

  private BigDecimal billed(String variable) {
    return sink.reports().stream()
        .filter(r -> r.variable().equals(variable))
        .map(RecordedUsage::quantity)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private void awaitReportedUntil(ManagedServiceInstance msi, Instant until) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var u = get(msi).getStatus().getUsage();
              return u != null
                  && u.getPending() == null
                  && !Instant.parse(u.getReportedUntil()).isBefore(until);
            });
  }

  private PendingUsageReport awaitUncertain(ManagedServiceInstance msi) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var s = get(msi).getStatus();
              return s.getUsage().getPending() != null
                  && PendingUsageReport.UNCERTAIN.equals(s.getUsage().getPending().getState())
                  && s.condition(ConditionType.USAGE_REPORTED)
                      .map(c -> "False".equals(c.getStatus()) && "Uncertain".equals(c.getReason()))
                      .orElse(false);
            });
    return get(msi).getStatus().getUsage().getPending();
  }

  private void resolve(ManagedServiceInstance msi, String decision) {
    client
        .resource(get(msi))
        .edit(
            m -> {
              m.getMetadata().getAnnotations().put(ApiGroup.USAGE_RESOLUTION_ANNOTATION, decision);
              return m;
            });
  }

  private ManagedServiceInstance readyInstance() {
    ManagedServiceInstance msi = client.resource(Fixtures.instance("tenant", "db", SMALL)).create();
    return Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
  }

  /** Hours from billableSince to the end, as billed when running the whole time. */
  private static BigDecimal hours(Instant from, Instant to) {
    return hours(from, to, BigDecimal.ONE);
  }

  /** The exact total rounded down once: what carried remainders must add up to. */
  private static BigDecimal hours(Instant from, Instant to, BigDecimal factor) {
    return BigDecimal.valueOf(Duration.between(from, to).toMillis(), 3)
        .multiply(factor)
        .divide(BigDecimal.valueOf(3600), 5, java.math.RoundingMode.DOWN);
  }

  @Test
  void reportsEachWindowOnceAndTheLastPartialWindowOnDeletion() {
    ManagedServiceInstance msi = readyInstance();
    Instant since = Instant.parse(msi.getStatus().getBillableSince());
    clock.advance(WINDOW.multipliedBy(3));
    awaitReportedUntil(msi, since.plus(WINDOW.multipliedBy(2)));
    assertThat(
            get(msi).getStatus().condition(ConditionType.USAGE_REPORTED).orElseThrow().getStatus())
        .isEqualTo("True");
    // the two windows that closed and settled at once went in one request
    assertThat(sink.meteringRequests()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(17));
    Instant deletedAt = clock.instant();
    client.resource(get(msi)).delete();
    await().atMost(TIMEOUT).until(() -> get(msi) == null);

    assertThat(billed("uptime_small")).isEqualByComparingTo(hours(since, deletedAt));
    assertThat(billed("storage_small"))
        .isEqualByComparingTo(hours(since, deletedAt, BigDecimal.TEN));
    // each request once: the backlog, then the third window and the final partial one
    assertThat(sink.reports().stream().map(RecordedUsage::requestNumber).distinct().count())
        .isEqualTo(sink.meteringRequests());
  }

  @Test
  void crashAfterSendIsFlaggedUncertainSurvivesRestartAndSkipResolvesIt() {
    ManagedServiceInstance msi = readyInstance();
    Instant since = Instant.parse(msi.getStatus().getBillableSince());
    crash.set("crash-after-send");
    clock.advance(WINDOW.plusSeconds(10));
    PendingUsageReport uncertain = awaitUncertain(msi);
    assertThat(sink.meteringRequests()).isEqualTo(1); // it did arrive

    operator.close();
    clock.advance(WINDOW.multipliedBy(2)); // later windows queue behind it
    operator = startOperator();
    await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> sink.meteringRequests() == 1);
    assertThat(awaitUncertain(msi).getAttemptId()).isEqualTo(uncertain.getAttemptId());

    resolve(msi, "skip:" + uncertain.getAttemptId());
    Instant end =
        since.plus(WINDOW.multipliedBy(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    awaitReportedUntil(msi, end);
    assertThat(billed("uptime_small"))
        .isEqualByComparingTo(
            hours(since, Instant.parse(get(msi).getStatus().getUsage().getReportedUntil())));
  }

  @Test
  void crashAfterPendingWriteIsUncertainAndResendReportsItOnce() {
    ManagedServiceInstance msi = readyInstance();
    Instant since = Instant.parse(msi.getStatus().getBillableSince());
    crash.set("crash-before-send");
    clock.advance(WINDOW.plusSeconds(10));
    PendingUsageReport uncertain = awaitUncertain(msi);
    assertThat(sink.meteringRequests()).isZero();

    operator.close();
    operator = startOperator();
    resolve(msi, "resend:stale-attempt"); // a stale decision changes nothing
    await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> sink.meteringRequests() == 0);
    resolve(msi, "resend:" + uncertain.getAttemptId());
    awaitReportedUntil(msi, Instant.parse(uncertain.getWindowEnd()));
    assertThat(sink.meteringRequests()).isEqualTo(1);
    assertThat(billed("uptime_small"))
        .isEqualByComparingTo(hours(since, Instant.parse(uncertain.getWindowEnd())));
  }

  /** Crash point 3 of 3: the operator stops right after the Accepted outcome is recorded. */
  @Test
  void restartRightAfterTheAcceptedRecordSendsNothingAgain() {
    ManagedServiceInstance msi = readyInstance();
    Instant since = Instant.parse(msi.getStatus().getBillableSince());
    clock.advance(WINDOW.plusSeconds(10));
    Instant firstEnd = since.plus(WINDOW).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    awaitReportedUntil(msi, firstEnd);
    operator.close(); // the next window is not due yet: nothing happened after the record
    assertThat(sink.meteringRequests()).isEqualTo(1);

    operator = startOperator();
    await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> sink.meteringRequests() == 1);
    var usage = get(msi).getStatus().getUsage();
    assertThat(usage.getPending()).isNull();
    assertThat(usage.getReportedUntil()).isEqualTo(firstEnd.toString());

    clock.advance(WINDOW);
    awaitReportedUntil(msi, firstEnd.plus(WINDOW));
    assertThat(sink.meteringRequests()).isEqualTo(2);
    assertThat(billed("uptime_small")).isEqualByComparingTo(hours(since, firstEnd.plus(WINDOW)));
  }

  @Test
  void laggingReportsShowInTheConditionUntilTheyCatchUp() {
    ManagedServiceInstance msi = readyInstance();
    Instant since = Instant.parse(msi.getStatus().getBillableSince());
    sink.failRandomly(SinkFault.SERVER_ERROR, 1.0);
    clock.advance(LAG_THRESHOLD.plus(WINDOW.multipliedBy(2)));
    await().atMost(TIMEOUT).until(() -> usageCondition(msi, "False", "Lagging"));
    assertThat(sink.reports()).isEmpty();

    sink.clearFaults();
    clock.advance(Duration.ofMinutes(6)); // past the longest backoff
    // Time keeps moving, as it does in production: a retry scheduled while the clock jumped (the
    // send raced the jump) must come due too.
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              clock.advance(Duration.ofSeconds(1));
              return usageCondition(msi, "True", "Reported");
            });
    // Catching up goes on after the condition clears; compare once the sink and the ledger agree.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Instant until = Instant.parse(get(msi).getStatus().getUsage().getReportedUntil());
              assertThat(billed("uptime_small")).isEqualByComparingTo(hours(since, until));
            });
  }

  @Test
  void deletionGiveUpBlocksByDefaultWithAWarningEvent() {
    ManagedServiceInstance msi = readyInstance();
    sink.failRandomly(SinkFault.SERVER_ERROR, 1.0);
    clock.advance(Duration.ofSeconds(30)); // something to bill
    client.resource(get(msi)).delete();
    awaitClosed(msi);
    clock.advance(GIVE_UP.plusMinutes(1));
    await().atMost(TIMEOUT).until(() -> giveUpEvents() > 0);
    await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> get(msi) != null);
    assertThat(giveUpEvents()).isEqualTo(1);

    sink.clearFaults(); // Exoscale is back: the final report goes and deletion completes
    clock.advance(Duration.ofMinutes(6));
    await().atMost(TIMEOUT).until(() -> get(msi) == null);
    assertThat(billed("uptime_small")).isPositive();
  }

  @Test
  void deletionGiveUpReleasesTheInstanceWhenConfigured() {
    operator.close();
    operator = startOperator(settings(true));
    ManagedServiceInstance msi = readyInstance();
    sink.failRandomly(SinkFault.SERVER_ERROR, 1.0);
    clock.advance(Duration.ofSeconds(30)); // something to bill
    client.resource(get(msi)).delete();
    awaitClosed(msi);
    clock.advance(GIVE_UP.plusMinutes(1));
    await().atMost(TIMEOUT).until(() -> get(msi) == null);
    assertThat(giveUpEvents()).isEqualTo(1);
    assertThat(sink.reports()).isEmpty();
  }

  private boolean usageCondition(ManagedServiceInstance msi, String status, String reason) {
    return get(msi)
        .getStatus()
        .condition(ConditionType.USAGE_REPORTED)
        .map(c -> status.equals(c.getStatus()) && reason.equals(c.getReason()))
        .orElse(false);
  }

  /** The deletion point is recorded: time from here on counts towards the give-up limit. */
  private void awaitClosed(ManagedServiceInstance msi) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var segments = get(msi).getStatus().getUsage().getSegments();
              return !segments.isEmpty() && segments.get(segments.size() - 1).getTo() != null;
            });
  }

  private long giveUpEvents() {
    return client.v1().events().inNamespace("tenant").list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()) && "UsageReportGivenUp".equals(e.getReason()))
        .count();
  }
}
