package io.exomarket.operator.metering;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.UsageSegment;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.operator.UsageSettings;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.reconciler.Reason;
import io.exomarket.operator.reconciler.DeletionHook;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metering step of the instance reconciler: records the observed state in the ledger (same
 * status write as the rest of the status) and runs the send cycle; as a {@link DeletionHook} it
 * closes the timeline at deletion and reports the last partial window before the finalizer goes.
 */
public final class Metering implements DeletionHook {
  private static final Logger LOG = LoggerFactory.getLogger(Metering.class);
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  private final UsageSettings settings;
  private final Clock clock;
  private final UsageReporter reporter;
  private final UsageMetrics metrics;
  private final KubernetesClient client;
  private final EventRecorder events;
  private final Set<String> gaveUp = ConcurrentHashMap.newKeySet();

  public Metering(UsageSettings settings, Clock clock, UsageReporter reporter, UsageMetrics metrics,
      KubernetesClient client, EventRecorder events) {
    this.settings = settings;
    this.events = events;
    this.clock = clock;
    this.reporter = reporter;
    this.metrics = metrics;
    this.client = client;
  }

  /** Appends the state just observed to the timeline; pure on {@code status}. */
  public void observe(ManagedServiceInstance instance, ManagedServiceInstanceStatus status, PlanSpec plan,
      InstanceState state, Instant now) {
    boolean suspended = instance.getSpec().isSuspended();
    UsageSegment observed = new UsageSegment(null, null, instance.getSpec().getPlanId(),
        state == InstanceState.Ready && !suspended, suspended, storageGb(plan), instance.getSpec().getUsers().size())
        .withMeters(plan == null ? null : plan.getMeters());
    status.setUsage(UsageLedger.observe(status.getUsage(), status.getBillableSince(), observed, now));
  }

  /** Runs the send cycle; the delay is when to reconcile again. */
  public UsageReporter.Result report(ManagedServiceInstance instance, Context<ManagedServiceInstance> context,
      ServiceOffering offering) {
    UsageReporter.Result r = reporter.report(instance, context, offering);
    return new UsageReporter.Result(r.instance(), Optional.of(cap(r.again().orElse(settings.maxRecheck()))));
  }

  @Override
  public Optional<Duration> beforeFinalizerRemoval(ManagedServiceInstance instance, Context<ManagedServiceInstance> context) {
    if (instance.getStatus() == null || instance.getStatus().getUsage() == null) {
      return Optional.empty(); // never became Ready: nothing to bill
    }
    ManagedServiceInstance original = instance;
    Instant now = clock.instant();
    ManagedServiceInstanceStatus status = io.exomarket.operator.reconciler.StatusRecorder.copy(instance.getStatus());
    if (UsageLedger.closedAt(status.getUsage()).isEmpty()) {
      // The close point is recorded durably, so a restart reports the same final window.
      UsageLedger.close(status.getUsage(), DeletionPoint.of(instance.getMetadata().getDeletionTimestamp(), now));
      reporter.setCondition(instance, status, now);
      instance = io.exomarket.operator.reconciler.StatusRecorder.record(instance, status, context);
    }
    UsageReporter.Result r = reporter.report(instance, context, offering(instance));
    if (r.again().isEmpty()) {
      if (r.instance() != instance || instance != original) {
        return Optional.of(Duration.ZERO); // status written: let the finalizer go from a fresh version
      }
      reporter.forget(instance);
      return Optional.empty();
    }
    Instant closed = UsageLedger.closedAt(r.instance().getStatus().getUsage()).orElse(now);
    if (Duration.between(closed, now).compareTo(settings.deletionGiveUp()) > 0) {
      String uid = instance.getMetadata().getUid();
      if (gaveUp.add(uid)) {
        metrics.givenUp.inc();
        String message = "final usage report not possible within " + settings.deletionGiveUp() + "; "
            + (settings.releaseOnGiveUp() ? "releasing the instance, its unreported usage is lost"
                : "deletion stays blocked until the report succeeds or is resolved");
        LOG.warn("{}: {}", UsageReporter.key(instance), message);
        events.warning(instance, Reason.USAGE_GIVE_UP, message);
      }
      if (settings.releaseOnGiveUp()) {
        reporter.forget(instance);
        return Optional.empty();
      }
    }
    return Optional.of(cap(r.again().get()));
  }

  private Duration cap(Duration d) {
    return d.compareTo(settings.maxRecheck()) > 0 ? settings.maxRecheck() : d;
  }

  private ServiceOffering offering(ManagedServiceInstance instance) {
    String serviceId = instance.getSpec().getServiceId();
    return client.resources(ServiceOffering.class).inAnyNamespace().list().getItems().stream()
        .filter(o -> serviceId.equals(o.getSpec().getId())).findFirst().orElse(null);
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
