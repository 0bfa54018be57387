package io.exomarket.bench;

import java.util.List;

/**
 * One line of the table: a measure of ours next to the bare client's, medians over the runs, the
 * median of the ratios measured in the same run, and the API server requests per instance of each
 * (NaN where unknown).
 */
public record Row(
    String benchmark,
    String measure,
    int instances,
    int runs,
    double oursSeconds,
    double bareSeconds,
    double ratio,
    double oursRequests,
    double bareRequests) {

  /** One run's figures: ours, bare (seconds), ours, bare (requests per instance). */
  public record Run(double ours, double bare, double oursRequests, double bareRequests) {}

  public static Row of(String benchmark, String measure, int instances, List<Run> runs) {
    return new Row(
        benchmark,
        measure,
        instances,
        runs.size(),
        median(runs.stream().map(Run::ours).toList()),
        median(runs.stream().map(Run::bare).toList()),
        median(runs.stream().map(r -> r.ours() / r.bare()).toList()),
        median(runs.stream().map(Run::oursRequests).toList()),
        median(runs.stream().map(Run::bareRequests).toList()));
  }

  public static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
