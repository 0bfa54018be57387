package io.exomarket.operator.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.outbound.CallOutcome;
import org.junit.jupiter.api.Test;

/** The memory of sent attempts against views of the ledger that may lag behind our own writes. */
class SentAttemptsTest {
  private static final String UID = "uid-1";
  private static final CallOutcome ACCEPTED = new CallOutcome.Accepted();

  private static PendingUsageReport attempt(String id, String windowEnd) {
    PendingUsageReport p = new PendingUsageReport();
    p.setWindowStart("2025-03-01T10:00:00Z");
    p.setWindowEnd(windowEnd);
    p.begin(id);
    p.setState(PendingUsageReport.SENDING);
    return p;
  }

  private static UsageStatus ledger(String reportedUntil, PendingUsageReport pending) {
    UsageStatus ledger = new UsageStatus();
    ledger.setReportedUntil(reportedUntil);
    ledger.setPending(pending);
    return ledger;
  }

  @Test
  void aViewOlderThanTheAttemptDoesNotForgetIt() {
    SentAttempts sent = new SentAttempts();
    PendingUsageReport a = attempt("a", "2025-03-01T11:00:00Z");
    sent.sent(UID, a, ACCEPTED);

    // the view from before the Sending write: no pending report, the ledger not yet past it
    assertThat(sent.outcomeOf(UID, ledger("2025-03-01T10:00:00Z", null))).isEmpty();
    // an older attempt on the same window (before a resend began this one)
    assertThat(
            sent.outcomeOf(UID, ledger("2025-03-01T10:00:00Z", attempt("old", a.getWindowEnd()))))
        .isEmpty();
    // then the view with our Sending write, whose outcome write had conflicted: the outcome is
    // known
    assertThat(sent.outcomeOf(UID, ledger("2025-03-01T10:00:00Z", a))).contains(ACCEPTED);
  }

  @Test
  void theLedgerPastTheWindowForgetsTheAttemptForGood() {
    SentAttempts sent = new SentAttempts();
    PendingUsageReport a = attempt("a", "2025-03-01T11:00:00Z");
    sent.sent(UID, a, ACCEPTED);

    assertThat(sent.outcomeOf(UID, ledger("2025-03-01T11:00:00Z", null))).isEmpty();
    assertThat(sent.size()).isZero();
    // a stale view showing it Sending again is not answered from memory (its write will conflict)
    assertThat(sent.outcomeOf(UID, ledger("2025-03-01T10:00:00Z", a))).isEmpty();
  }

  @Test
  void aResendReplacesTheAttemptAndForgetDropsTheInstance() {
    SentAttempts sent = new SentAttempts();
    PendingUsageReport a = attempt("a", "2025-03-01T11:00:00Z");
    CallOutcome lost = new CallOutcome.Ambiguous("timeout");
    sent.sent(UID, a, lost);
    PendingUsageReport b = attempt("b", a.getWindowEnd());
    sent.sent(UID, b, ACCEPTED);

    assertThat(sent.outcomeOf(UID, ledger("2025-03-01T10:00:00Z", a))).isEmpty();
    assertThat(sent.outcomeOf(UID, ledger("2025-03-01T10:00:00Z", b))).contains(ACCEPTED);
    sent.forget(UID);
    assertThat(sent.size()).isZero();
  }
}
