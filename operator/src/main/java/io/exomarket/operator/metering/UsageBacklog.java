package io.exomarket.operator.metering;

import io.exomarket.api.v1alpha1.Meter;
import io.exomarket.api.v1alpha1.UsageStatus;
import io.exomarket.operator.metering.UsageCalculator.WindowUsage;
import io.exomarket.operator.metering.UsageLedger.Window;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pure: what is due for reporting. Every closed, settled window since reportedUntil goes into one
 * report carrying the sum of the windows' quantities, each window computed as if reported alone
 * (time-based units with the carried remainder, level units as the window's maximum), so the bill
 * is the one per-window reports would make. Exoscale takes a delta since the last successful report
 * with no period, so a backlog after downtime costs one call, one intent and one record per
 * instance instead of one each per window.
 */
public final class UsageBacklog {
  /** A month of hourly windows: a report never spans more (Exoscale wants one at least monthly). */
  static final int MAX_WINDOWS_PER_REPORT = 744;

  private UsageBacklog() {}

  /** What the ledger has to do next. */
  public sealed interface Next permits Due, Wait, Done {}

  /** Windows [span.start, span.end) are due; {@code usage} is their sum and the carry after. */
  public record Due(Window span, int windows, WindowUsage usage) implements Next {}

  /** Nothing due before {@code until}. */
  public record Wait(Instant until) implements Next {}

  /** The timeline is closed and reported to its end. */
  public enum Done implements Next {
    DONE
  }

  /**
   * The windows due at {@code now}: a window is due once it ended and settled (a final window
   * ending at the close point is due at once).
   */
  public static Next at(
      UsageStatus ledger,
      Duration window,
      Duration settle,
      Instant now,
      Function<String, List<Meter>> meters) {
    Instant start = Instant.parse(ledger.getReportedUntil());
    Optional<Instant> closed = UsageLedger.closedAt(ledger);
    Map<String, BigDecimal> carry = UsageLedger.decimals(ledger.getCarry());
    Map<String, BigDecimal> sum = new LinkedHashMap<>();
    Instant cursor = start;
    int count = 0;
    while (count < MAX_WINDOWS_PER_REPORT) {
      Optional<Window> next = UsageLedger.windowFrom(cursor, closed, window);
      if (next.isEmpty()) {
        break;
      }
      Window w = next.get();
      boolean last = closed.map(w.end()::equals).orElse(false);
      Instant due = last ? w.end() : w.end().plus(settle);
      if (now.isBefore(due)) {
        if (count == 0) {
          return new Wait(due);
        }
        break;
      }
      WindowUsage usage =
          UsageCalculator.compute(ledger.getSegments(), w.start(), w.end(), carry, meters);
      usage.quantities().forEach((variable, q) -> sum.merge(variable, q, BigDecimal::add));
      carry = usage.carryAfter();
      cursor = w.end();
      count++;
    }
    if (count == 0) {
      return Done.DONE;
    }
    return new Due(new Window(start, cursor), count, new WindowUsage(sum, carry));
  }
}
