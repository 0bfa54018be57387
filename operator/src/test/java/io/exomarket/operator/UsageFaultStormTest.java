package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
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
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many windows of several instances against a sink that fails 30% of requests in every way it can.
 * Each uncertain attempt is resolved the way an SRE would after asking Exoscale: skip when the sink
 * recorded it, resend when not. In the end every instance must be billed exactly its totals.
 */
@MockApiTier
class UsageFaultStormTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
  private static final int INSTANCES = 4;
  private static final int WINDOWS = 20;

  @RegisterExtension final OperatorHarness harness = OperatorHarness.onMock();
  private KubernetesClient client;
  private MeteringSink sink;
  private MutableClock clock;
  private ExomarketOperator operator;

  /** Attempt id -> requests the sink had recorded for that organization just before its send. */
  private final Map<String, Long> recordedBefore = new ConcurrentHashMap<>();

  private final Set<String> resolved = ConcurrentHashMap.newKeySet();
  private final AtomicInteger skips = new AtomicInteger();
  private final AtomicInteger resends = new AtomicInteger();

  @BeforeEach
  void start() {
    client = harness.client();
    Fixtures.namespace(client, "ops");
    Fixtures.namespace(client, "tenant");
    MeteringSecret.apply(client, "ops", "metering", "EXOtest", "s3cr3t");
    // SLOW holds the answer past the client's timeout but not much longer, so the test stays fast.
    sink =
        MeteringSink.builder()
            .credentials("EXOtest", "s3cr3t")
            .seed(20250301)
            .slowDelay(REQUEST_TIMEOUT.multipliedBy(2))
            .start();
    clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    UsageSettings usage =
        new UsageSettings(
            sink.url(),
            ApiVariant.PARTNER,
            "acme-db",
            "ops",
            "metering",
            WINDOW,
            SETTLE,
            Duration.ofMillis(200),
            REQUEST_TIMEOUT,
            Duration.ofHours(1),
            false,
            Duration.ofHours(6));
    Function<MeteringClientConfig, MeteringClient> clients =
        config -> {
          MeteringClient real = MeteringClientFactory.create(config);
          return report -> {
            recordedBefore.put(report.attemptId(), requestsFor(report.organization()));
            return real.send(report);
          };
        };
    operator =
        harness.startOperator(OperatorConfig.defaults().withClock(clock).withUsage(usage), clients);
  }

  @AfterEach
  void stop() {
    operator.close();
    sink.close();
  }

  @Test
  void everyWindowIsBilledExactlyOnceThroughAFaultStorm() {
    List<ManagedServiceInstance> instances = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      ManagedServiceInstance msi = Fixtures.instance("tenant", "db-" + i, SMALL);
      msi.getSpec().setOrganization(UUID.randomUUID().toString());
      instances.add(client.resource(msi).create());
    }
    instances.replaceAll(msi -> Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT));
    sink.failRandomly(SinkFault.SERVER_ERROR, 0.07);
    sink.failRandomly(SinkFault.TOO_MANY_REQUESTS, 0.05);
    sink.failRandomly(SinkFault.SLOW, 0.06);
    sink.failRandomly(SinkFault.RESET_AFTER_READ, 0.06);
    sink.failRandomly(SinkFault.RESET_BEFORE_APPLY, 0.06);

    Instant stormEnd = clock.instant().plus(WINDOW.multipliedBy(WINDOWS));
    while (dueBoundary(clock.instant()).isBefore(stormEnd)) {
      clock.advance(STEP);
      settle(instances);
    }
    sink.clearFaults();
    Instant target = dueBoundary(clock.instant());
    while (!instances.stream().allMatch(msi -> caughtUpTo(usage(msi), target))) {
      clock.advance(STEP); // passes any backoff still pending from the storm
      settle(instances);
    }

    System.out.printf(
        "fault storm: %d metering requests, %d uncertain resolved by skip, %d by resend%n",
        sink.meteringRequests(), skips.get(), resends.get());
    assertThat(skips.get()).as("uncertain attempts the sink had recorded").isPositive();
    assertThat(resends.get()).as("uncertain attempts the sink had not recorded").isPositive();
    for (ManagedServiceInstance msi : instances) {
      Instant since = Instant.parse(get(msi).getStatus().getBillableSince());
      Instant until = Instant.parse(usage(msi).getReportedUntil());
      UUID org = UUID.fromString(msi.getSpec().getOrganization());
      long windows = windowsBetween(since, until);
      assertThat(windows).isGreaterThanOrEqualTo(WINDOWS);
      // One recorded request per window: none lost, none doubled.
      assertThat(
              sink.reports().stream()
                  .filter(r -> r.organization().equals(org))
                  .map(RecordedUsage::requestNumber)
                  .distinct()
                  .count())
          .as("requests for " + org)
          .isEqualTo(windows);
      assertThat(billed(org, "uptime_small"))
          .isEqualByComparingTo(hours(since, until, BigDecimal.ONE));
      assertThat(billed(org, "storage_small"))
          .isEqualByComparingTo(hours(since, until, BigDecimal.TEN));
      assertThat(billed(org, "users_small")).isEqualByComparingTo(BigDecimal.valueOf(windows));
    }
  }

  /** Waits until every instance is caught up or waits on the clock; resolves uncertain attempts. */
  private void settle(List<ManagedServiceInstance> instances) {
    while (true) {
      Instant due = dueBoundary(clock.instant());
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  instances.stream()
                      .map(this::usage)
                      .allMatch(u -> caughtUpTo(u, due) || waitsOnClock(u) || uncertain(u)));
      List<ManagedServiceInstance> open =
          instances.stream().filter(msi -> uncertain(usage(msi))).toList();
      if (open.isEmpty()) {
        return;
      }
      open.forEach(this::resolve);
    }
  }

  /** What the SRE runbook says: ask Exoscale (here: the sink) whether the attempt was billed. */
  private void resolve(ManagedServiceInstance msi) {
    PendingUsageReport pending = usage(msi).getPending();
    if (!resolved.add(pending.getAttemptId())) {
      return;
    }
    UUID org = UUID.fromString(msi.getSpec().getOrganization());
    Long before = recordedBefore.get(pending.getAttemptId());
    boolean recorded;
    if (before == null) {
      recorded = false; // never reached the client
    } else {
      // A SLOW answer is recorded on arrival; give a late arrival a moment to show.
      long[] last = {-1};
      await()
          .during(Duration.ofMillis(150))
          .atMost(TIMEOUT)
          .until(() -> last[0] == (last[0] = requestsFor(org)));
      recorded = requestsFor(org) > before;
    }
    (recorded ? skips : resends).incrementAndGet();
    String decision = (recorded ? "skip:" : "resend:") + pending.getAttemptId();
    client
        .resource(get(msi))
        .edit(
            m -> {
              m.getMetadata().getAnnotations().put(ApiGroup.USAGE_RESOLUTION_ANNOTATION, decision);
              return m;
            });
  }

  private static boolean caughtUpTo(UsageStatus u, Instant due) {
    return u != null
        && u.getPending() == null
        && !Instant.parse(u.getReportedUntil()).isBefore(due);
  }

  private boolean waitsOnClock(UsageStatus u) {
    PendingUsageReport p = u == null ? null : u.getPending();
    return p != null
        && p.getRetryAt() != null
        && Instant.parse(p.getRetryAt()).isAfter(clock.instant())
        && !PendingUsageReport.SENDING.equals(p.getState());
  }

  private boolean uncertain(UsageStatus u) {
    PendingUsageReport p = u == null ? null : u.getPending();
    return p != null
        && PendingUsageReport.UNCERTAIN.equals(p.getState())
        && !resolved.contains(p.getAttemptId());
  }

  /** The end of the last window that is due (closed and settled) at {@code now}. */
  private static Instant dueBoundary(Instant now) {
    long w = WINDOW.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.minus(SETTLE).toEpochMilli(), w) * w);
  }

  private static long windowsBetween(Instant since, Instant until) {
    long w = WINDOW.toMillis();
    return Math.floorDiv(until.toEpochMilli() - 1, w) - Math.floorDiv(since.toEpochMilli(), w) + 1;
  }

  private long requestsFor(UUID org) {
    return sink.reports().stream()
        .filter(r -> r.organization().equals(org))
        .map(RecordedUsage::requestNumber)
        .distinct()
        .count();
  }

  private BigDecimal billed(UUID org, String variable) {
    return sink.reports().stream()
        .filter(r -> r.organization().equals(org) && r.variable().equals(variable))
        .map(RecordedUsage::quantity)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal hours(Instant from, Instant to, BigDecimal factor) {
    return BigDecimal.valueOf(Duration.between(from, to).toMillis(), 3)
        .multiply(factor)
        .divide(BigDecimal.valueOf(3600), 5, RoundingMode.DOWN);
  }

  private ManagedServiceInstance get(ManagedServiceInstance msi) {
    return client.resource(msi).get();
  }

  private UsageStatus usage(ManagedServiceInstance msi) {
    ManagedServiceInstance current = get(msi);
    return current.getStatus() == null ? null : current.getStatus().getUsage();
  }
}
