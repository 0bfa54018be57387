package io.exomarket.bench;

import io.exomarket.testkit.env.KubeApi;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [operator|adapter|metering|tenants|fleet|startup|all] [-n N] [--runs R] [--threads T]
 * [--windows W] [--kube apiserver|mock|auto]}: N instances (operator), N provision+deprovision
 * pairs (adapter), N/10 instances x W windows (metering, default 100 x 100 = 10,000
 * instance-windows), N tenant namespaces with max(R, 5) probe provisions before and after
 * (tenants), N instances with the same probes (fleet), max(R, 3) starts of each component
 * (startup); the last three are not part of {@code all}. Several names run one after the other on
 * the same API server.
 */
public record BenchOptions(
    List<String> benchmarks, int instances, int runs, int threads, int windows, KubeApi.Kind kube) {
  public static final List<String> ALL = List.of("operator", "adapter", "metering");

  public static BenchOptions parse(String... args) {
    List<String> benchmarks = new ArrayList<>();
    int n = 1000;
    int runs = 1;
    int threads = 10; // the operator's RECONCILE_THREADS default
    int windows = 100;
    KubeApi.Kind kube = KubeApi.Kind.APISERVER;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "operator", "adapter", "metering", "tenants", "fleet", "startup" ->
            benchmarks.add(args[i]);
        case "all" -> benchmarks.addAll(ALL);
        case "-n", "--instances" -> n = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--windows" -> windows = Integer.parseInt(args[++i]);
        case "--kube" -> kube = KubeApi.Kind.parse(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "usage: bench/run.sh [operator|adapter|metering|tenants|fleet|startup|all] [-n N] [--runs R]"
                    + " [--threads T] [--windows W] [--kube apiserver|mock|auto]; got "
                    + args[i]);
      }
    }
    return new BenchOptions(
        benchmarks.isEmpty() ? ALL : List.copyOf(benchmarks), n, runs, threads, windows, kube);
  }
}
