package io.exomarket.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The one table every run prints. */
public final class Table {
  private static final String FORMAT = "%-9s %-24s %6s %4s %10s %10s %7s %9s %9s%n";

  private Table() {}

  public static void print(PrintStream out, String header, List<Row> rows) {
    out.println();
    out.println(header);
    out.printf(
        Locale.ROOT,
        FORMAT,
        "bench",
        "measure",
        "N",
        "runs",
        "ours s",
        "bare s",
        "ratio",
        "req/inst",
        "bare r/i");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          FORMAT,
          r.benchmark(),
          r.measure(),
          r.instances(),
          r.runs(),
          number(r.oursSeconds(), "%.2f"),
          number(r.bareSeconds(), "%.2f"),
          number(r.ratio(), "%.2f"),
          number(r.oursRequests(), "%.1f"),
          number(r.bareRequests(), "%.1f"));
    }
  }

  private static String number(double value, String format) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? "-"
        : String.format(Locale.ROOT, format, value);
  }
}
