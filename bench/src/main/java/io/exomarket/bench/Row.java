package io.exomarket.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One line of the table: a measure of ours next to the bare client's, medians over the runs, with
 * the API server requests per instance of each (NaN where unknown).
 */
public record Row(
    String benchmark,
    String measure,
    int instances,
    int runs,
    double oursSeconds,
    double bareSeconds,
    double oursRequests,
    double bareRequests) {

  public double ratio() {
    return oursSeconds / bareSeconds;
  }

  public static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  static double median(double... values) {
    return median(Arrays.stream(values).boxed().toList());
  }
}
