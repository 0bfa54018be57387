package io.exomarket.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Requests per instance by verb and resource, so that each one can be known and questioned. */
public final class Breakdown {
  private Breakdown() {}

  public static void print(PrintStream out, String title, RequestCounts counts, int instances) {
    if (!counts.available()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s: %.2f requests per instance (%d in all), %.2f without those marked%n",
        title,
        counts.perInstance(instances),
        counts.total(),
        Attribution.own(counts).perInstance(instances));
    counts
        .byKey()
        .forEach(
            (key, count) ->
                out.printf(
                    Locale.ROOT,
                    "  %-48s %7.2f%s%n",
                    key,
                    (double) count / instances,
                    Attribution.other(key) == null ? "" : "   (" + Attribution.other(key) + ")"));
  }
}
