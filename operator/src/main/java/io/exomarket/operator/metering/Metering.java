package io.exomarket.operator.metering;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.Meter;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.UsageSegment;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.catalog.OfferingCatalog;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.deletion.DeletionHook;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.Observation;
import io.exomarket.operator.steps.ReconcileStep;
import io.exomarket.operator.steps.Requeue;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage metering as a reconcile step: every observation extends the timeline in the ledger (same
 * status write as the rest of the observation), each reconcile runs the send cycle; as a {@link
 * DeletionHook} it closes the timeline at deletion and reports the last partial window before the
 * finalizer goes.
 */
public final class Metering implements ReconcileStep, DeletionHook {
  private static final Logger LOG = LoggerFactory.getLogger(Metering.class);
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  private final UsageSettings settings;
  private final UsageReporter reporter;
  private final UsageMetrics metrics;
  private final OfferingCatalog catalog;
  private final EventRecorder events;
  private final Set<String> gaveUp = ConcurrentHashMap.newKeySet();

  public Metering(
      UsageSettings settings,
      UsageReporter reporter,
      UsageMetrics metrics,
      OfferingCatalog catalog,
      EventRecorder events) {
    this.settings = settings;
    this.reporter = reporter;
    this.metrics = metrics;
    this.catalog = catalog;
    this.events = events;
  }

  /** Appends the state just observed to the timeline. */
  @Override
  public void observed(InstanceStatusAggregator status, Observation observation) {
    ManagedServiceInstance instance = status.instance();
    boolean suspended = instance.getSpec().isSuspended();
    PlanSpec plan = observation.plan();
    UsageSegment segment =
        new UsageSegment(
                null,
                null,
                instance.getSpec().getPlanId(),
                observation.state() == InstanceState.Ready && !suspended,
                suspended,
                storageGb(plan),
                instance.getSpec().getUsers().size())
            .withMeters(plan == null ? null : plan.getMeters());
    UsageStatus ledger =
        UsageLedger.observe(
            status.view().getUsage(), status.view().getBillableSince(), segment, observation.at());
    status.usage(ledger, null);
  }

  /**
   * Runs the send cycle; comes back when the next window is due, at the latest after maxRecheck.
   */
  @Override
  public Requeue run(StatusRecorder recorder, ResolvedPlan plan) {
    return reporter
        .report(recorder, meters(plan.offering()))
        .and(Requeue.in(settings.maxRecheck()));
  }

  @Override
  public Requeue beforeFinalizerRemoval(StatusRecorder recorder) {
    ManagedServiceInstance instance = recorder.current();
    if (instance.getStatus() == null || instance.getStatus().getUsage() == null) {
      return Requeue.NEVER; // never became Ready: nothing to bill
    }
    if (UsageLedger.closedAt(instance.getStatus().getUsage()).isEmpty()) {
      // The close point is recorded durably, so a restart reports the same final window.
      InstanceStatusAggregator status = recorder.aggregate();
      UsageStatus ledger = status.view().getUsage();
      UsageLedger.close(
          ledger, DeletionPoint.of(instance.getMetadata().getDeletionTimestamp(), status.now()));
      reporter.write(recorder, status);
    }
    Requeue again =
        reporter.report(
            recorder, meters(catalog.byServiceId(instance.getSpec().getServiceId()).orElse(null)));
    ManagedServiceInstance current = recorder.current();
    if (again.after().isEmpty()) {
      reporter.forget(current);
      return Requeue.NEVER;
    }
    Instant now = recorder.aggregate().now();
    Instant closed = UsageLedger.closedAt(current.getStatus().getUsage()).orElse(now);
    if (Duration.between(closed, now).compareTo(settings.deletionGiveUp()) > 0) {
      String uid = current.getMetadata().getUid();
      if (gaveUp.add(uid)) {
        metrics.givenUp.inc();
        String message =
            "final usage report not possible within "
                + settings.deletionGiveUp()
                + "; "
                + (settings.releaseOnGiveUp()
                    ? "releasing the instance, its unreported usage is lost"
                    : "deletion stays blocked until the report succeeds or is resolved");
        LOG.warn("{}: {}", UsageReporter.key(current), message);
        events.warning(current, Reason.USAGE_GIVE_UP, message);
      }
      if (settings.releaseOnGiveUp()) {
        reporter.forget(current);
        return Requeue.NEVER;
      }
    }
    return again.and(Requeue.in(settings.maxRecheck()));
  }

  private static Function<String, List<Meter>> meters(ServiceOffering offering) {
    return planId ->
        offering == null
            ? List.of()
            : offering.getSpec().plan(planId).map(PlanSpec::getMeters).orElse(List.of());
  }

  /** The plan's provisioned storage in GB, counting a GiB as the GB Exoscale bills. */
  static String storageGb(PlanSpec plan) {
    if (plan == null || plan.getResources() == null || plan.getResources().getStorage() == null) {
      return "0";
    }
    BigDecimal bytes = Quantity.getAmountInBytes(plan.getResources().getStorage());
    return bytes.divide(GIB, 6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
