package io.exomarket.operator.metering;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.Meter;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.UsageSettings;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.metering.UsageLedger.Window;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.ReportOutcome;
import io.exomarket.operator.metering.client.UsageRecord;
import io.exomarket.operator.metering.client.UsageReport;
import io.exomarket.operator.reconciler.ConditionTypes;
import io.exomarket.operator.reconciler.Conditions;
import io.exomarket.operator.reconciler.Reason;
import io.exomarket.operator.reconciler.StatusRecorder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send cycle for one instance, exactly once: (1) compute the next closed window, (2) write it
 * as the pending report (if that write fails nothing is sent), (3) send, (4) record the outcome.
 * A pending report still marked Sending at the start of a cycle may have been sent before a crash:
 * it becomes Uncertain and waits for the resolution annotation instead of being re-sent. Later
 * windows queue behind it. Called only by the instance reconciler (the one status writer).
 */
public final class UsageReporter {
  private static final Logger LOG = LoggerFactory.getLogger(UsageReporter.class);
  private static final int MAX_WINDOWS_PER_CALL = 20;
  private static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
  private static final Duration BACKOFF_MAX = Duration.ofMinutes(5);

  private final UsageSettings settings;
  private final Clock clock;
  private final Supplier<MeteringClient> client;
  private final EventRecorder events;
  private final UsageMetrics metrics;

  public UsageReporter(
      UsageSettings settings, Clock clock, Supplier<MeteringClient> client, EventRecorder events, UsageMetrics metrics) {
    this.settings = settings;
    this.clock = clock;
    this.client = client;
    this.events = events;
    this.metrics = metrics;
  }

  /** What a cycle leaves: the instance as stored and when to look again (empty: all reported). */
  public record Result(ManagedServiceInstance instance, Optional<Duration> again) {}

  public Result report(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context, ServiceOffering offering) {
    Function<String, List<Meter>> meters =
        planId -> offering == null ? List.of() : offering.getSpec().plan(planId).map(p -> p.getMeters()).orElse(List.of());
    for (int i = 0; i < MAX_WINDOWS_PER_CALL; i++) {
      Step step = step(instance, context, meters);
      instance = step.instance;
      if (step.again != null) {
        return new Result(instance, step.again);
      }
    }
    return new Result(instance, Optional.of(Duration.ZERO));
  }

  private record Step(ManagedServiceInstance instance, Optional<Duration> again) {}

  /** One state transition of the ledger; {@code again == null} means "continue now". */
  private Step step(ManagedServiceInstance instance, Context<ManagedServiceInstance> context,
      Function<String, List<Meter>> meters) {
    Instant now = clock.instant();
    ManagedServiceInstanceStatus status = StatusRecorder.copy(instance.getStatus());
    UsageStatus ledger = status.getUsage();
    if (ledger == null) {
      return new Step(instance, Optional.empty());
    }
    publishLag(instance, ledger, now);
    PendingUsageReport pending = ledger.getPending();
    if (pending == null) {
      Optional<Window> next = UsageLedger.nextWindow(ledger, settings.window());
      if (next.isEmpty()) {
        return new Step(instance, Optional.empty());
      }
      Window w = next.get();
      boolean finalWindow = UsageLedger.closedAt(ledger).map(w.end()::equals).orElse(false);
      Instant due = finalWindow ? w.end() : w.end().plus(settings.settle());
      if (now.isBefore(due)) {
        return new Step(instance, Optional.of(Duration.between(now, due)));
      }
      UsageCalculator.WindowUsage usage = UsageCalculator.compute(
          ledger.getSegments(), w.start(), w.end(), UsageLedger.decimals(ledger.getCarry()), meters);
      if (usage.quantities().values().stream().allMatch(q -> q.signum() == 0)) {
        // Nothing to bill: advance without a call (the carry still moves on).
        UsageLedger.accepted(ledger, w.end(), UsageLedger.strings(usage.carryAfter()));
        return new Step(write(instance, status, context, now), null);
      }
      pending = new PendingUsageReport();
      pending.setWindowStart(w.start().toString());
      pending.setWindowEnd(w.end().toString());
      pending.setQuantities(UsageLedger.strings(usage.quantities()));
      pending.setCarryAfter(UsageLedger.strings(usage.carryAfter()));
      ledger.setPending(pending);
      return send(instance, status, context, now);
    }
    switch (pending.getState()) {
      case PendingUsageReport.SENDING -> {
        // Written before a send whose outcome was never recorded: we may have crashed after sending.
        return uncertain(instance, status, context, now, "outcome of attempt not recorded (operator restart or crash)");
      }
      case PendingUsageReport.UNCERTAIN -> {
        String resolution = annotation(instance);
        if (("skip:" + pending.getAttemptId()).equals(resolution)) {
          LOG.info("{}: attempt {} resolved as billed (skip)", key(instance), pending.getAttemptId());
          accept(ledger, pending);
          return new Step(write(instance, status, context, now), null);
        }
        if (("resend:" + pending.getAttemptId()).equals(resolution)) {
          LOG.info("{}: attempt {} resolved as not billed (resend)", key(instance), pending.getAttemptId());
          return send(instance, status, context, now);
        }
        return new Step(instance, Optional.of(settings.maxRecheck()));
      }
      default -> {
        Instant retryAt = pending.getRetryAt() == null ? now : Instant.parse(pending.getRetryAt());
        if (now.isBefore(retryAt)) {
          return new Step(instance, Optional.of(Duration.between(now, retryAt)));
        }
        return send(instance, status, context, now);
      }
    }
  }

  /** Writes the attempt as Sending, then sends, then records the outcome. */
  private Step send(ManagedServiceInstance instance, ManagedServiceInstanceStatus status,
      Context<ManagedServiceInstance> context, Instant now) {
    MeteringClient meteringClient = client.get(); // may throw (no Secret): nothing written yet
    PendingUsageReport pending = status.getUsage().getPending();
    pending.setAttemptId(UUID.randomUUID().toString());
    pending.setState(PendingUsageReport.SENDING);
    pending.setAttempts(pending.getAttempts() + 1);
    pending.setRetryAt(null);
    instance = write(instance, status, context, now); // throws on failure: nothing is sent
    status = StatusRecorder.copy(instance.getStatus());
    pending = status.getUsage().getPending();

    List<UsageRecord> records = new ArrayList<>();
    pending.getQuantities().forEach((v, q) -> records.add(new UsageRecord(v, new BigDecimal(q))));
    UsageReport report = new UsageReport(
        UUID.fromString(instance.getSpec().getOrganization()), settings.product(), records, pending.getAttemptId());
    ReportOutcome outcome = meteringClient.send(report);
    now = clock.instant();
    if (outcome instanceof ReportOutcome.Accepted) {
      metrics.reports.labels("accepted").inc();
      records.forEach(r -> metrics.quantity.labels(r.variable()).inc(r.quantity().doubleValue()));
      accept(status.getUsage(), pending);
      return new Step(write(instance, status, context, now), null);
    }
    if (outcome instanceof ReportOutcome.NotDelivered nd) {
      metrics.reports.labels("not_delivered").inc();
      return retryLater(instance, status, context, now, PendingUsageReport.NOT_DELIVERED, nd.reason(), nd.retryAfter());
    }
    if (outcome instanceof ReportOutcome.Rejected r) {
      metrics.reports.labels("rejected").inc();
      return retryLater(instance, status, context, now, PendingUsageReport.REJECTED, "HTTP " + r.status(), Optional.empty());
    }
    metrics.reports.labels("ambiguous").inc();
    return uncertain(instance, status, context, now, ((ReportOutcome.Ambiguous) outcome).reason());
  }

  private Step retryLater(ManagedServiceInstance instance, ManagedServiceInstanceStatus status,
      Context<ManagedServiceInstance> context, Instant now, String state, String reason, Optional<Duration> retryAfter) {
    PendingUsageReport pending = status.getUsage().getPending();
    Duration delay = retryAfter.orElseGet(() -> backoff(pending.getAttempts()));
    pending.setState(state);
    pending.setReason(reason);
    pending.setRetryAt(now.plus(delay).toString());
    LOG.info("{}: usage report attempt {} not delivered ({}), retry in {}", key(instance), pending.getAttemptId(), reason, delay);
    return new Step(write(instance, status, context, now), Optional.of(delay));
  }

  private Step uncertain(ManagedServiceInstance instance, ManagedServiceInstanceStatus status,
      Context<ManagedServiceInstance> context, Instant now, String reason) {
    PendingUsageReport pending = status.getUsage().getPending();
    pending.setState(PendingUsageReport.UNCERTAIN);
    pending.setReason(reason);
    metrics.uncertain.inc();
    String message = "usage report " + pending.getAttemptId() + " for " + pending.getWindowStart() + ".."
        + pending.getWindowEnd() + " may or may not have been billed (" + reason + "); after checking with"
        + " Exoscale annotate " + ApiGroup.USAGE_RESOLUTION_ANNOTATION + "=resend:" + pending.getAttemptId()
        + " or =skip:" + pending.getAttemptId();
    LOG.warn("{}: {}", key(instance), message);
    ManagedServiceInstance written = write(instance, status, context, now);
    events.warning(instance, Reason.USAGE_UNCERTAIN, message);
    return new Step(written, Optional.of(settings.maxRecheck()));
  }

  private static void accept(UsageStatus ledger, PendingUsageReport pending) {
    UsageLedger.accepted(ledger, Instant.parse(pending.getWindowEnd()), pending.getCarryAfter());
  }

  /** Status write with the UsageReported condition derived from the ledger. */
  private ManagedServiceInstance write(ManagedServiceInstance instance, ManagedServiceInstanceStatus status,
      Context<ManagedServiceInstance> context, Instant now) {
    setCondition(instance, status, now);
    return StatusRecorder.record(instance, status, context);
  }

  void setCondition(ManagedServiceInstance instance, ManagedServiceInstanceStatus status, Instant now) {
    UsageStatus ledger = status.getUsage();
    long generation = instance.getMetadata().getGeneration() == null ? 0 : instance.getMetadata().getGeneration();
    Conditions conditions = new Conditions(status.getConditions(), generation, now);
    status.getConditions().stream().map(c -> c.getType())
        .filter(t -> !t.equals(ConditionTypes.USAGE_REPORTED)).forEach(conditions::keep);
    PendingUsageReport pending = ledger.getPending();
    Duration lag = lag(ledger, now);
    if (pending != null && PendingUsageReport.UNCERTAIN.equals(pending.getState())) {
      conditions.set(ConditionTypes.USAGE_REPORTED, false, Reason.USAGE_UNCERTAIN,
          "attempt " + pending.getAttemptId() + " needs annotation " + ApiGroup.USAGE_RESOLUTION_ANNOTATION);
    } else if (lag.compareTo(settings.lagThreshold()) > 0) {
      conditions.set(ConditionTypes.USAGE_REPORTED, false, Reason.USAGE_LAGGING, "usage unreported for " + lag);
    } else {
      conditions.set(ConditionTypes.USAGE_REPORTED, true, Reason.USAGE_REPORTED, "reported until " + ledger.getReportedUntil());
    }
    status.setConditions(conditions.build());
  }

  /** Now minus the end of the oldest closed, unreported window. */
  Duration lag(UsageStatus ledger, Instant now) {
    return UsageLedger.nextWindow(ledger, settings.window())
        .map(w -> Duration.between(w.end(), now))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }

  private void publishLag(ManagedServiceInstance instance, UsageStatus ledger, Instant now) {
    Duration lag = lag(ledger, now);
    metrics.lag.labels(key(instance)).set(lag.toMillis() / 1000.0);
    long windows = lag.isZero() ? 0 : 1 + lag.toMillis() / settings.window().toMillis();
    metrics.pendingWindows.labels(key(instance)).set(windows);
  }

  private static Duration backoff(int attempts) {
    long base = BACKOFF_BASE.toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
    long capped = Math.min(base, BACKOFF_MAX.toMillis());
    long jitter = ThreadLocalRandom.current().nextLong(capped / 5 + 1);
    return Duration.ofMillis(capped - capped / 10 + jitter);
  }

  private static String annotation(ManagedServiceInstance instance) {
    var a = instance.getMetadata().getAnnotations();
    return a == null ? null : a.get(ApiGroup.USAGE_RESOLUTION_ANNOTATION);
  }

  static String key(ManagedServiceInstance instance) {
    return instance.getMetadata().getNamespace() + "/" + instance.getMetadata().getName();
  }

  void forget(ManagedServiceInstance instance) {
    metrics.forget(key(instance));
  }
}
