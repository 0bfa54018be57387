package io.exomarket.operator.metering;

import io.exomarket.api.v1alpha1.UsageSegment;
import io.exomarket.api.v1alpha1.UsageStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure operations on the ledger in {@code status.usage}: append the observed state to the timeline,
 * find the next closed window, and advance past an accepted one. Windows are aligned to multiples
 * of the window length since the epoch (hours in production).
 */
public final class UsageLedger {
  private UsageLedger() {}

  /** A window [start, end) of the timeline. */
  public record Window(Instant start, Instant end) {}

  /**
   * Records the state observed at {@code now}. Starts the ledger at {@code billableSince}; before
   * that there is nothing to bill. A state equal to the open segment's changes nothing.
   */
  public static UsageStatus observe(
      UsageStatus ledger, String billableSince, UsageSegment observed, Instant now) {
    if (billableSince == null) {
      return ledger;
    }
    UsageStatus next = ledger == null ? new UsageStatus() : ledger;
    if (next.getReportedUntil() == null) {
      next.setReportedUntil(billableSince);
    }
    List<UsageSegment> segments = next.getSegments();
    UsageSegment open = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    if (open != null && open.getTo() == null) {
      if (open.sameMeteringAs(observed)) {
        return next;
      }
      Instant from = Instant.parse(open.getFrom());
      Instant cut = now.isBefore(from) ? from : now;
      open.setTo(cut.toString());
      observed.setFrom(cut.toString());
    } else if (open != null) {
      return next; // closed for good (deleted): nothing accrues any more
    } else {
      observed.setFrom(billableSince);
    }
    observed.setTo(null);
    segments.add(observed);
    return next;
  }

  /** Closes the timeline at {@code end} (deletion): nothing accrues after it. */
  public static void close(UsageStatus ledger, Instant end) {
    List<UsageSegment> segments = ledger.getSegments();
    if (!segments.isEmpty()) {
      UsageSegment last = segments.get(segments.size() - 1);
      if (last.getTo() == null) {
        Instant from = Instant.parse(last.getFrom());
        last.setTo((end.isBefore(from) ? from : end).toString());
      }
    }
  }

  /** The instant the timeline stops, if it was closed. */
  public static Optional<Instant> closedAt(UsageStatus ledger) {
    List<UsageSegment> s = ledger.getSegments();
    if (s.isEmpty() || s.get(s.size() - 1).getTo() == null) {
      return Optional.empty();
    }
    return Optional.of(Instant.parse(s.get(s.size() - 1).getTo()));
  }

  /** The first unreported window: from reportedUntil to the next boundary (or the close). */
  public static Optional<Window> nextWindow(UsageStatus ledger, Duration length) {
    return windowFrom(Instant.parse(ledger.getReportedUntil()), closedAt(ledger), length);
  }

  /** The window from {@code start} to the next boundary or the close, if any is left. */
  static Optional<Window> windowFrom(Instant start, Optional<Instant> closed, Duration length) {
    Instant end = boundaryAfter(start, length);
    if (closed.isPresent()) {
      if (!closed.get().isAfter(start)) {
        return Optional.empty();
      }
      end = closed.get().isBefore(end) ? closed.get() : end;
    }
    return Optional.of(new Window(start, end));
  }

  /** The end of the aligned window that contains {@code t}. */
  public static Instant boundaryAfter(Instant t, Duration length) {
    long ms = length.toMillis();
    long at = t.toEpochMilli();
    return Instant.ofEpochMilli(Math.floorDiv(at, ms) * ms + ms);
  }

  /** After a window was accepted: move reportedUntil, keep remainders, drop the past segments. */
  public static void accepted(
      UsageStatus ledger, Instant windowEnd, Map<String, String> carryAfter) {
    ledger.setReportedUntil(windowEnd.toString());
    ledger.setCarry(new LinkedHashMap<>(carryAfter));
    ledger.setPending(null);
    ledger
        .getSegments()
        .removeIf(
            s ->
                s.getTo() != null
                    && !Instant.parse(s.getTo()).isAfter(windowEnd)
                    && !isLast(ledger, s));
  }

  // The last segment stays even when closed: it marks the close (deletion) point.
  private static boolean isLast(UsageStatus ledger, UsageSegment s) {
    List<UsageSegment> all = ledger.getSegments();
    return all.get(all.size() - 1) == s;
  }

  static Map<String, BigDecimal> decimals(Map<String, String> m) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, new BigDecimal(v)));
    return out;
  }

  static Map<String, String> strings(Map<String, BigDecimal> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.toPlainString()));
    return out;
  }
}
