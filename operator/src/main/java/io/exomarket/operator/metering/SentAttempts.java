package io.exomarket.operator.metering;

import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.outbound.CallOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process knows about the last report it sent per instance (uid): the attempt and its
 * outcome. A cycle that still sees that attempt Sending (the write of its outcome conflicted, or
 * its view predates that write) records the known outcome instead of declaring it Uncertain.
 *
 * <p>An attempt is forgotten only once a view shows the ledger past its window ({@code
 * reportedUntil} at or after its end): reportedUntil only moves forward in the stored object, so no
 * later view can show that attempt again. A view without it (no pending report, or an older
 * attempt) proves nothing: it may be older than the write that began the attempt.
 */
final class SentAttempts {
  private record Sent(String attemptId, Instant windowEnd, CallOutcome outcome) {}

  private final Map<String, Sent> byUid = new ConcurrentHashMap<>();

  /** This process sent {@code pending} (its attempt began) and got {@code outcome}. */
  void sent(String uid, PendingUsageReport pending, CallOutcome outcome) {
    byUid.put(
        uid, new Sent(pending.getAttemptId(), Instant.parse(pending.getWindowEnd()), outcome));
  }

  /** The outcome of {@code pending} if this process sent it; forgets attempts the ledger passed. */
  Optional<CallOutcome> outcomeOf(String uid, UsageStatus ledger) {
    Sent last = byUid.get(uid);
    if (last == null) {
      return Optional.empty();
    }
    if (ledger.getReportedUntil() != null
        && !Instant.parse(ledger.getReportedUntil()).isBefore(last.windowEnd())) {
      byUid.remove(uid, last);
      return Optional.empty();
    }
    PendingUsageReport pending = ledger.getPending();
    return pending != null && last.attemptId().equals(pending.getAttemptId())
        ? Optional.of(last.outcome())
        : Optional.empty();
  }

  /** The instance is gone (or released): nothing of it can be seen again. */
  void forget(String uid) {
    byUid.remove(uid);
  }

  int size() {
    return byUid.size();
  }
}
