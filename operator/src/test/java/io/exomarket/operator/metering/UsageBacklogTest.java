package io.exomarket.operator.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.Meter;
import io.exomarket.api.v1alpha1.MeterSource;
import io.exomarket.api.v1alpha1.MeterUnit;
import io.exomarket.api.v1alpha1.UsageSegment;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.metering.UsageCalculator.WindowUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class UsageBacklogTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration SETTLE = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Function<String, List<Meter>> METERS =
      plan ->
          List.of(
              UsageCalculatorTest.meter("uptime", MeterUnit.HOURS, MeterSource.uptime),
              UsageCalculatorTest.meter("storage", MeterUnit.GB_HOURS, MeterSource.storage),
              UsageCalculatorTest.meter("users", MeterUnit.UNITS, MeterSource.users));

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /** Running from 10:00:07 with 3 users and 10 GB, 2 users from 11:20 on. */
  private static UsageStatus ledger() {
    UsageStatus ledger =
        UsageLedger.observe(
            null, at(7).toString(), new UsageSegment(null, null, "p", true, false, "10", 3), at(7));
    return UsageLedger.observe(
        ledger,
        at(7).toString(),
        new UsageSegment(null, null, "p", true, false, "10", 2),
        at(4800));
  }

  @Test
  void aBacklogIsOneReportBillingWhatPerWindowReportsWould() {
    UsageStatus ledger = ledger();
    Instant now = at(3 * 3600 + 400); // 13:06:40: windows to 13:00 are closed and settled
    var due = (UsageBacklog.Due) UsageBacklog.at(ledger, HOUR, SETTLE, now, METERS);
    assertThat(due.span()).isEqualTo(new UsageLedger.Window(at(7), at(3 * 3600)));
    assertThat(due.windows()).isEqualTo(3);

    // the same three windows reported one by one, carrying remainders from one to the next
    Map<String, BigDecimal> sum = new HashMap<>();
    Map<String, BigDecimal> carry = Map.of();
    for (long[] w : new long[][] {{7, 3600}, {3600, 7200}, {7200, 10800}}) {
      WindowUsage one =
          UsageCalculator.compute(ledger.getSegments(), at(w[0]), at(w[1]), carry, METERS);
      one.quantities().forEach((v, q) -> sum.merge(v, q, BigDecimal::add));
      carry = one.carryAfter();
    }
    due.usage().quantities().forEach((v, q) -> assertThat(q).isEqualByComparingTo(sum.get(v)));
    assertThat(due.usage().carryAfter()).isEqualTo(carry);
    // a level unit counts once per window (3 + 3 + 2), not once per report
    assertThat(due.usage().quantities().get("users")).isEqualByComparingTo("8");
    assertThat(due.usage().quantities().get("uptime")).isEqualByComparingTo("2.99805");
  }

  @Test
  void aWindowThatHasNotSettledWaitsAndStaysOutOfTheBacklog() {
    UsageStatus ledger = ledger();
    assertThat(UsageBacklog.at(ledger, HOUR, SETTLE, at(3600 + 299), METERS))
        .isEqualTo(new UsageBacklog.Wait(at(3600 + 300)));
    var due = (UsageBacklog.Due) UsageBacklog.at(ledger, HOUR, SETTLE, at(7200 + 299), METERS);
    assertThat(due.span().end()).isEqualTo(at(3600)); // 11:00-12:00 still settling
  }

  @Test
  void theFinalWindowIsDueAtTheCloseAndThenNothingIs() {
    UsageStatus ledger = ledger();
    UsageLedger.close(ledger, at(7500));
    var due = (UsageBacklog.Due) UsageBacklog.at(ledger, HOUR, SETTLE, at(7500), METERS);
    assertThat(due.span()).isEqualTo(new UsageLedger.Window(at(7), at(7500)));
    assertThat(due.windows()).isEqualTo(3);
    UsageLedger.accepted(ledger, due.span().end(), Map.of());
    assertThat(UsageBacklog.at(ledger, HOUR, SETTLE, at(9000), METERS))
        .isEqualTo(UsageBacklog.Done.DONE);
  }

  @Test
  void aReportSpansAtMostAMonthOfWindows() {
    UsageStatus ledger = ledger();
    Instant muchLater = at(3600L * 2000);
    var due = (UsageBacklog.Due) UsageBacklog.at(ledger, HOUR, SETTLE, muchLater, METERS);
    assertThat(due.windows()).isEqualTo(UsageBacklog.MAX_WINDOWS_PER_REPORT);
    assertThat(due.span().end()).isEqualTo(at(3600L * UsageBacklog.MAX_WINDOWS_PER_REPORT));
  }
}
