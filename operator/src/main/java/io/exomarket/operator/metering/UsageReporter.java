package io.exomarket.operator.metering;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.Meter;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.metering.UsageLedger.Window;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.UsageRecord;
import io.exomarket.operator.metering.client.UsageReport;
import io.exomarket.operator.outbound.Backoff;
import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.Requeue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send cycle for one instance, exactly once: (1) sum the closed windows due ({@link
 * UsageBacklog}: a backlog is one report), (2) write them as the pending report (if that write
 * fails nothing is sent), (3) send, (4) record the outcome. A pending report still marked Sending
 * at the start of a cycle may have been sent before a crash: it becomes Uncertain and waits for the
 * resolution annotation instead of being re-sent (unless this process sent it and only the write of
 * its outcome failed: then that outcome is recorded). Later windows queue behind it. Writes go
 * through the reconcile's {@link StatusRecorder}.
 */
public final class UsageReporter {
  private static final Logger LOG = LoggerFactory.getLogger(UsageReporter.class);
  private static final int MAX_WINDOWS_PER_CALL = 20;
  private static final Duration STALE_VIEW_RECHECK = Duration.ofSeconds(1);

  private final UsageSettings settings;
  private final Supplier<MeteringClient> client;
  private final EventRecorder events;
  private final UsageMetrics metrics;
  private final UsageConditionJudge judge;

  private final SentAttempts sent = new SentAttempts();

  public UsageReporter(
      UsageSettings settings,
      Supplier<MeteringClient> client,
      EventRecorder events,
      UsageMetrics metrics) {
    this.settings = settings;
    this.client = client;
    this.events = events;
    this.metrics = metrics;
    this.judge = new UsageConditionJudge(settings);
  }

  /** Reports every due window; when to look again ({@link Requeue#NEVER}: all reported). */
  public Requeue report(StatusRecorder recorder, Function<String, List<Meter>> meters) {
    for (int i = 0; i < MAX_WINDOWS_PER_CALL; i++) {
      Requeue again = step(recorder, meters);
      if (again != null) {
        return again;
      }
    }
    return Requeue.in(Duration.ZERO);
  }

  /** One state transition of the ledger; null means "continue now". */
  private Requeue step(StatusRecorder recorder, Function<String, List<Meter>> meters) {
    InstanceStatusAggregator status = recorder.aggregate();
    Instant now = status.now();
    UsageStatus ledger = status.view().getUsage();
    if (ledger == null) {
      return Requeue.NEVER;
    }
    ManagedServiceInstance instance = recorder.current();
    publishLag(instance, ledger, now);
    PendingUsageReport pending = ledger.getPending();
    Optional<CallOutcome> known = sent.outcomeOf(uid(instance), ledger);
    if (pending == null) {
      UsageBacklog.Next next =
          UsageBacklog.at(ledger, settings.window(), settings.settle(), now, meters);
      if (next instanceof UsageBacklog.Wait wait) {
        return Requeue.in(Duration.between(now, wait.until()));
      }
      if (!(next instanceof UsageBacklog.Due due)) {
        return Requeue.NEVER;
      }
      UsageCalculator.WindowUsage usage = due.usage();
      Window w = due.span();
      if (usage.quantities().values().stream().allMatch(q -> q.signum() == 0)) {
        // Nothing to bill: advance without a call (the carry still moves on).
        UsageLedger.accepted(ledger, w.end(), UsageLedger.strings(usage.carryAfter()));
        write(recorder, status);
        return null;
      }
      pending = new PendingUsageReport();
      pending.setWindowStart(w.start().toString());
      pending.setWindowEnd(w.end().toString());
      pending.setQuantities(UsageLedger.strings(usage.quantities()));
      pending.setCarryAfter(UsageLedger.strings(usage.carryAfter()));
      ledger.setPending(pending);
      return send(recorder, status);
    }
    switch (pending.getState()) {
      case PendingUsageReport.SENDING -> {
        // Written before a send whose outcome was never recorded. If this process sent it, the
        // outcome is known and only its write failed (a conflict with a spec change): record it.
        // Otherwise we may have crashed after sending: only a human can tell.
        if (known.isPresent()) {
          return record(recorder, status, known.get());
        }
        if (!StaleView.isCurrent(recorder)) {
          // The cache can hand a reconcile a version older than our own last write (an informer
          // event for an earlier write replaces java-operator-sdk's cache of the newer one), and
          // this process forgets an attempt once the ledger has passed it: only the stored
          // object may say Uncertain. Looked at again once the cache has caught up.
          return Requeue.in(STALE_VIEW_RECHECK);
        }
        return uncertain(
            recorder, status, "outcome of attempt not recorded (operator restart or crash)");
      }
      case PendingUsageReport.UNCERTAIN -> {
        String resolution = annotation(instance);
        if (("skip:" + pending.getAttemptId()).equals(resolution)) {
          LOG.info(
              "{}: attempt {} resolved as billed (skip)", key(instance), pending.getAttemptId());
          accept(ledger, pending);
          write(recorder, status);
          return null;
        }
        if (("resend:" + pending.getAttemptId()).equals(resolution)) {
          LOG.info(
              "{}: attempt {} resolved as not billed (resend)",
              key(instance),
              pending.getAttemptId());
          return send(recorder, status);
        }
        return Requeue.in(settings.maxRecheck());
      }
      default -> {
        Instant retryAt = pending.getRetryAt() == null ? now : Instant.parse(pending.getRetryAt());
        if (now.isBefore(retryAt)) {
          return Requeue.in(Duration.between(now, retryAt));
        }
        return send(recorder, status);
      }
    }
  }

  /** Writes the attempt as Sending, then sends, then records the outcome. */
  private Requeue send(StatusRecorder recorder, InstanceStatusAggregator status) {
    Optional<UUID> organization = BilledOrganization.of(recorder.current());
    if (organization.isEmpty()) {
      // A CloudFoundry-style id (any string OSB allows) has no account at Exoscale's metering API:
      // nothing is sent; the report waits, visible, and is tried again (an operator may fix it).
      metrics.reports.labels("rejected").inc();
      return retryLater(
          recorder,
          status,
          PendingUsageReport.REJECTED,
          BilledOrganization.whyNot(recorder.current()),
          Optional.empty());
    }
    MeteringClient meteringClient = client.get(); // may throw (no Secret): nothing written yet
    PendingUsageReport pending = status.view().getUsage().getPending();
    pending.begin(UUID.randomUUID().toString());
    pending.setState(PendingUsageReport.SENDING);
    write(recorder, status); // throws on failure: nothing is sent

    List<UsageRecord> records = new ArrayList<>();
    pending.getQuantities().forEach((v, q) -> records.add(new UsageRecord(v, new BigDecimal(q))));
    ManagedServiceInstance instance = recorder.current();
    UsageReport report =
        new UsageReport(organization.get(), settings.product(), records, pending.getAttemptId());
    CallOutcome outcome = meteringClient.send(report);
    if (outcome instanceof CallOutcome.Accepted) {
      records.forEach(r -> metrics.quantity.labels(r.variable()).inc(r.quantity().doubleValue()));
    }
    sent.sent(uid(instance), pending, outcome);
    return record(recorder, recorder.aggregate(), outcome);
  }

  /** Records the outcome of the attempt in flight (sent by this process). */
  private Requeue record(
      StatusRecorder recorder, InstanceStatusAggregator after, CallOutcome outcome) {
    PendingUsageReport inFlight = after.view().getUsage().getPending();
    if (outcome instanceof CallOutcome.Accepted) {
      metrics.reports.labels("accepted").inc();
      accept(after.view().getUsage(), inFlight);
      write(recorder, after);
      return null;
    }
    if (outcome instanceof CallOutcome.NotDelivered nd) {
      metrics.reports.labels("not_delivered").inc();
      return retryLater(
          recorder, after, PendingUsageReport.NOT_DELIVERED, nd.reason(), nd.retryAfter());
    }
    if (outcome instanceof CallOutcome.Rejected r) {
      metrics.reports.labels("rejected").inc();
      return retryLater(
          recorder, after, PendingUsageReport.REJECTED, "HTTP " + r.status(), Optional.empty());
    }
    metrics.reports.labels("ambiguous").inc();
    return uncertain(recorder, after, ((CallOutcome.Ambiguous) outcome).reason());
  }

  private Requeue retryLater(
      StatusRecorder recorder,
      InstanceStatusAggregator status,
      String state,
      String reason,
      Optional<Duration> retryAfter) {
    PendingUsageReport pending = status.view().getUsage().getPending();
    Duration delay = retryAfter.orElseGet(() -> Backoff.DEFAULT.after(pending.getAttempts()));
    pending.setState(state);
    pending.setLastError(reason);
    pending.setRetryAt(status.now().plus(delay).toString());
    LOG.info(
        "{}: usage report attempt {} not delivered ({}), retry in {}",
        key(recorder.current()),
        pending.getAttemptId(),
        reason,
        delay);
    write(recorder, status);
    return Requeue.in(delay);
  }

  private Requeue uncertain(
      StatusRecorder recorder, InstanceStatusAggregator status, String reason) {
    PendingUsageReport pending = status.view().getUsage().getPending();
    pending.setState(PendingUsageReport.UNCERTAIN);
    pending.setLastError(reason);
    metrics.uncertain.inc();
    String message =
        "usage report "
            + pending.getAttemptId()
            + " for "
            + pending.getWindowStart()
            + ".."
            + pending.getWindowEnd()
            + " may or may not have been billed ("
            + reason
            + "); after checking with Exoscale annotate "
            + ApiGroup.USAGE_RESOLUTION_ANNOTATION
            + "=resend:"
            + pending.getAttemptId()
            + " or =skip:"
            + pending.getAttemptId();
    LOG.warn("{}: {}", key(recorder.current()), message);
    write(recorder, status);
    events.warning(recorder.current(), Reason.USAGE_UNCERTAIN, message);
    return Requeue.in(settings.maxRecheck());
  }

  private static void accept(UsageStatus ledger, PendingUsageReport pending) {
    UsageLedger.accepted(ledger, Instant.parse(pending.getWindowEnd()), pending.getCarryAfter());
  }

  /** Status write with the UsageReported condition derived from the ledger. */
  void write(StatusRecorder recorder, InstanceStatusAggregator status) {
    UsageStatus ledger = status.view().getUsage();
    recorder.record(status.usage(ledger, judge.judge(ledger, status.now())));
  }

  private void publishLag(ManagedServiceInstance instance, UsageStatus ledger, Instant now) {
    Duration lag = judge.lag(ledger, now);
    metrics.lag.labels(key(instance)).set(lag.toMillis() / 1000.0);
    long windows = lag.isZero() ? 0 : 1 + lag.toMillis() / settings.window().toMillis();
    metrics.pendingWindows.labels(key(instance)).set(windows);
  }

  private static String annotation(ManagedServiceInstance instance) {
    var a = instance.getMetadata().getAnnotations();
    return a == null ? null : a.get(ApiGroup.USAGE_RESOLUTION_ANNOTATION);
  }

  static String key(ManagedServiceInstance instance) {
    return instance.getMetadata().getNamespace() + "/" + instance.getMetadata().getName();
  }

  void forget(ManagedServiceInstance instance) {
    sent.forget(uid(instance));
    metrics.forget(key(instance));
  }

  private static String uid(ManagedServiceInstance instance) {
    return instance.getMetadata().getUid();
  }
}
