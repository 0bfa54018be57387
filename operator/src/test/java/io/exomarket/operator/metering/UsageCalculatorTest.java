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

class UsageCalculatorTest {
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Function<String, List<Meter>> METERS =
      plan ->
          switch (plan) {
            case "small" ->
                List.of(
                    meter("uptime_small", MeterUnit.HOURS, MeterSource.uptime),
                    meter("storage_small", MeterUnit.GB_HOURS, MeterSource.storage),
                    meter("users_small", MeterUnit.UNITS, MeterSource.users));
            case "large" ->
                List.of(
                    meter("uptime_large", MeterUnit.HOURS, MeterSource.uptime),
                    meter("storage_large", MeterUnit.GB_HOURS, MeterSource.storage));
            default -> List.of();
          };

  static Meter meter(String variable, MeterUnit unit, MeterSource source) {
    Meter m = new Meter();
    m.setVariable(variable);
    m.setUnit(unit);
    m.setSource(source);
    return m;
  }

  private static UsageSegment state(
      String plan, boolean running, boolean suspended, String gb, int users) {
    return new UsageSegment(null, null, plan, running, suspended, gb, users);
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static WindowUsage compute(UsageStatus ledger, long from, long to) {
    return UsageCalculator.compute(ledger.getSegments(), at(from), at(to), Map.of(), METERS);
  }

  @Test
  void suspendResumeAndPlanChangeAreExactToTheSecond() {
    UsageStatus ledger =
        UsageLedger.observe(null, T0.toString(), state("small", true, false, "10", 2), at(0));
    UsageLedger.observe(
        ledger, T0.toString(), state("small", true, false, "10", 5), at(600)); // users 2 -> 5
    UsageLedger.observe(
        ledger, T0.toString(), state("small", false, true, "10", 5), at(1800)); // suspended
    UsageLedger.observe(
        ledger, T0.toString(), state("small", true, false, "10", 1), at(2700)); // resumed
    UsageLedger.observe(
        ledger, T0.toString(), state("large", true, false, "50", 1), at(3000)); // plan change
    UsageLedger.close(ledger, at(3599)); // deleted

    WindowUsage usage = compute(ledger, 0, 3600);

    // running 0..1800 and 2700..3000 = 2100 s; large 3000..3599 = 599 s
    assertThat(usage.quantities().get("uptime_small")).isEqualByComparingTo("0.58333"); // 2100/3600
    assertThat(usage.carryAfter().get("uptime_small"))
        .isEqualByComparingTo("0.012"); // 2100 - 0.58333*3600
    // storage accrues while suspended: 10 GB x 3000 s
    assertThat(usage.quantities().get("storage_small")).isEqualByComparingTo("8.33333");
    assertThat(usage.quantities().get("users_small"))
        .isEqualByComparingTo("5"); // max, suspended ignored
    assertThat(usage.quantities().get("uptime_large")).isEqualByComparingTo("0.16638"); // 599/3600
    assertThat(usage.quantities().get("storage_large"))
        .isEqualByComparingTo("8.31944"); // 50*599/3600
  }

  @Test
  void windowsSplitTheTimelineAndNothingAccruesAfterDeletion() {
    UsageStatus ledger =
        UsageLedger.observe(null, T0.toString(), state("small", true, false, "10", 1), at(0));
    UsageLedger.observe(ledger, T0.toString(), state("small", false, true, "10", 1), at(5400));
    UsageLedger.close(ledger, at(7230));

    assertThat(compute(ledger, 0, 3600).quantities().get("uptime_small")).isEqualByComparingTo("1");
    assertThat(compute(ledger, 3600, 7200).quantities().get("uptime_small"))
        .isEqualByComparingTo("0.5");
    assertThat(compute(ledger, 3600, 7200).quantities().get("storage_small"))
        .isEqualByComparingTo("10");
    assertThat(compute(ledger, 7200, 9999).quantities().get("storage_small"))
        .isEqualByComparingTo("0.08333");
    assertThat(compute(ledger, 7200, 9999).quantities().get("users_small"))
        .isEqualByComparingTo("0");
  }

  @Test
  void suspendedUptimeCountsOnlyWhenTheMeterSaysSo() {
    Meter uptime = meter("up", MeterUnit.HOURS, MeterSource.uptime);
    uptime.setAccruesWhileSuspended(true);
    UsageStatus ledger =
        UsageLedger.observe(null, T0.toString(), state("p", false, true, "1", 0), at(0));
    WindowUsage usage =
        UsageCalculator.compute(
            ledger.getSegments(), at(0), at(1800), Map.of(), p -> List.of(uptime));
    assertThat(usage.quantities().get("up")).isEqualByComparingTo("0.5");
  }

  @Test
  void roundingRemainderIsCarriedSoTheSumEqualsTheExactTotal() {
    // 7 s windows: 7/3600 h = 0.0019444... never representable in 5 decimals.
    UsageStatus ledger =
        UsageLedger.observe(null, T0.toString(), state("small", true, false, "3", 0), at(0));
    Map<String, BigDecimal> carry = new HashMap<>();
    BigDecimal uptime = BigDecimal.ZERO;
    BigDecimal storage = BigDecimal.ZERO;
    int windows = 1000;
    for (int i = 0; i < windows; i++) {
      WindowUsage w =
          UsageCalculator.compute(
              ledger.getSegments(), at(7L * i), at(7L * (i + 1)), carry, METERS);
      assertThat(w.quantities().get("uptime_small").scale()).isLessThanOrEqualTo(5);
      uptime = uptime.add(w.quantities().get("uptime_small"));
      storage = storage.add(w.quantities().get("storage_small"));
      carry = new HashMap<>(w.carryAfter());
    }
    BigDecimal exactHours = BigDecimal.valueOf(7L * windows);
    // reported + remaining carry == exact total, to the millisecond
    assertThat(uptime.multiply(UsageCalculator.SECONDS_PER_HOUR).add(carry.get("uptime_small")))
        .isEqualByComparingTo(exactHours);
    assertThat(storage.multiply(UsageCalculator.SECONDS_PER_HOUR).add(carry.get("storage_small")))
        .isEqualByComparingTo(exactHours.multiply(BigDecimal.valueOf(3)));
    // and the reported sum is the exact total rounded down: 7000/3600 = 1.944444..
    assertThat(uptime).isEqualByComparingTo("1.94444");
  }

  @Test
  void alignedWindowsAndPruning() {
    Duration hour = Duration.ofHours(1);
    UsageStatus ledger =
        UsageLedger.observe(
            null, at(125).toString(), state("small", true, false, "10", 1), at(125));
    UsageLedger.observe(ledger, at(125).toString(), state("small", false, true, "10", 1), at(1000));
    UsageLedger.Window w = UsageLedger.nextWindow(ledger, hour).orElseThrow();
    assertThat(w.start()).isEqualTo(at(125));
    assertThat(w.end()).isEqualTo(at(3600));
    UsageLedger.accepted(ledger, w.end(), Map.of("x", "1"));
    assertThat(ledger.getSegments()).hasSize(1); // the closed one before 3600 is gone
    assertThat(UsageLedger.nextWindow(ledger, hour).orElseThrow().end()).isEqualTo(at(7200));
    UsageLedger.close(ledger, at(4000));
    assertThat(UsageLedger.nextWindow(ledger, hour).orElseThrow().end()).isEqualTo(at(4000));
    UsageLedger.accepted(ledger, at(4000), Map.of());
    assertThat(UsageLedger.nextWindow(ledger, hour)).isEmpty();
  }

  @Test
  void segmentsAreBilledFromTheirPlanSnapshotEvenWhenThePlanChangesOrDisappears() {
    UsageStatus ledger =
        UsageLedger.observe(
            null,
            T0.toString(),
            state("gone", true, false, "10", 3).withMeters(METERS.apply("small")),
            at(0));
    UsageLedger.observe(
        ledger,
        T0.toString(),
        state("gone", true, false, "10", 3).withMeters(METERS.apply("large")),
        at(1800)); // offering edited
    assertThat(ledger.getSegments()).hasSize(2); // a meter change starts a new segment

    // "gone" is in no offering any more: only the snapshots can bill it.
    WindowUsage usage = compute(ledger, 0, 3600);
    assertThat(usage.quantities())
        .containsOnlyKeys(
            "uptime_small", "storage_small", "users_small", "uptime_large", "storage_large");
    assertThat(usage.quantities().get("uptime_small")).isEqualByComparingTo("0.5");
    assertThat(usage.quantities().get("storage_small")).isEqualByComparingTo("5");
    assertThat(usage.quantities().get("users_small")).isEqualByComparingTo("3");
    assertThat(usage.quantities().get("uptime_large")).isEqualByComparingTo("0.5");
  }
}
