package io.exomarket.operator.metering;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.status.InstanceStatusAggregator.UsageCondition;
import java.time.Duration;
import java.time.Instant;

/** Whether usage is being reported: Uncertain waits for a person, a long lag is Lagging. */
final class UsageConditionJudge {
  private final UsageSettings settings;

  UsageConditionJudge(UsageSettings settings) {
    this.settings = settings;
  }

  UsageCondition judge(UsageStatus ledger, Instant now) {
    PendingUsageReport pending = ledger.getPending();
    Duration lag = lag(ledger, now);
    if (pending != null && PendingUsageReport.UNCERTAIN.equals(pending.getState())) {
      return new UsageCondition(
          false,
          Reason.USAGE_UNCERTAIN,
          "attempt "
              + pending.getAttemptId()
              + " needs annotation "
              + ApiGroup.USAGE_RESOLUTION_ANNOTATION);
    }
    if (lag.compareTo(settings.lagThreshold()) > 0) {
      return new UsageCondition(false, Reason.USAGE_LAGGING, "usage unreported for " + lag);
    }
    return new UsageCondition(
        true, Reason.USAGE_REPORTED, "reported until " + ledger.getReportedUntil());
  }

  /** Now minus the end of the oldest closed, unreported window. */
  Duration lag(UsageStatus ledger, Instant now) {
    return UsageLedger.nextWindow(ledger, settings.window())
        .map(w -> Duration.between(w.end(), now))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }
}
