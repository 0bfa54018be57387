package io.exomarket.broker.bench;

import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.BrokerServer;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.broker.testing.TestOfferings;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.testkit.kube.MockApiServer;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Provision+deprovision throughput of the adapter against the fabric8 mock API server, next to a
 * bare Javalin handler answering the same requests (the ceiling: HTTP, JSON-free, no Kubernetes),
 * measured in the same JVM and run.
 *
 * <p>Usage: {@code broker-adapter/bench.sh [pairs=20000] [concurrency=16] [warmup=1000]
 * [mode=async]}. Modes: {@code async} (PUT with accepts_incomplete=true answers 202 once the MSI is
 * written; DELETE of the instance, which no operator has claimed, answers 200 once it is gone: this
 * measures the adapter's own path: auth, validation, cache lookups, namespace check, MSI create and
 * delete) and {@code operator} (synchronous PUT/DELETE against the real operator and a simulated
 * kubelet that makes StatefulSets ready at once: end-to-end, dominated by the operator and the
 * mock).
 *
 * <p>Latencies are per request (PUT and DELETE alike). RSS is the whole JVM's (mock, client and
 * server share it) after each phase; the difference between the phases is the adapter's share.
 */
public final class AdapterBenchmark {
  private static final int ORGS = 16;

  record Result(
      String name, int pairs, double seconds, long[] latenciesNanos, int errors, long rssKb) {
    double pairsPerSecond() {
      return pairs / seconds;
    }

    double percentileMs(double p) {
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
  }

  interface Target {
    int provision(String id, String org) throws Exception;

    int deprovision(String id) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    String mode = args.length > 3 ? args[3] : "async";
    boolean async = !mode.equals("operator");
    System.out.printf(
        "pairs=%d concurrency=%d warmup=%d mode=%s cores=%d%n",
        pairs, concurrency, warmup, mode, Runtime.getRuntime().availableProcessors());

    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<String> orgs = new ArrayList<>();
    for (int i = 0; i < ORGS; i++) orgs.add(UUID.randomUUID().toString());
    byte[] provisionBody =
        Bodies.provision(TestOfferings.SERVICE, TestOfferings.SMALL, "ORG").toString().getBytes();

    long rssStart = rssKb();
    // 1. The ceiling: bare Javalin, same requests, constant answers.
    Javalin bare =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.routes.put(
                      "/v2/service_instances/{instance_id}", ctx -> ctx.status(201).result("{}"));
                  cfg.routes.delete(
                      "/v2/service_instances/{instance_id}", ctx -> ctx.status(200).result("{}"));
                })
            .start("127.0.0.1", 0);
    Target ceiling = osbTarget(http, "http://127.0.0.1:" + bare.port(), provisionBody, async);
    run("warm-up ceiling", ceiling, warmup, concurrency, orgs);
    Result bareResult = run("bare Javalin", ceiling, pairs, concurrency, orgs);
    bare.stop();

    // 2. The adapter against the mock API server (and the operator, in operator mode).
    try (MockApiServer mock = MockApiServer.start()) {
      ServiceOffering offering = TestOfferings.keyValue();
      mock.client().resource(offering).create();
      ExomarketOperator operator =
          async ? null : ExomarketOperator.start(mock.newClient(), OperatorConfig.defaults());
      SimulatedKubelet kubelet =
          async ? null : SimulatedKubelet.start(mock.newClient(), Duration.ZERO);
      BrokerServer broker =
          BrokerServer.start(
              mock.newClient(),
              BrokerConfig.forTests("bench", "bench-password")
                  .withSyncTimeout(Duration.ofSeconds(30)));
      Target adapter = osbTarget(http, broker.url(), provisionBody, async);
      run("warm-up adapter", adapter, warmup, concurrency, orgs);
      Result adapterResult = run("adapter", adapter, pairs, concurrency, orgs);
      broker.close();
      if (kubelet != null) kubelet.close();
      if (operator != null) operator.close();

      System.out.println();
      print(bareResult);
      print(adapterResult);
      System.out.printf(
          Locale.ROOT,
          "%nadapter/ceiling: throughput %.3f, p50 latency x%.1f, p99 latency x%.1f%n",
          adapterResult.pairsPerSecond() / bareResult.pairsPerSecond(),
          adapterResult.percentileMs(0.50) / bareResult.percentileMs(0.50),
          adapterResult.percentileMs(0.99) / bareResult.percentileMs(0.99));
      System.out.printf(
          Locale.ROOT,
          "JVM RSS: start %d MiB, after ceiling %d MiB, after adapter %d MiB (adapter phase +%d MiB)%n",
          rssStart / 1024,
          bareResult.rssKb() / 1024,
          adapterResult.rssKb() / 1024,
          (adapterResult.rssKb() - bareResult.rssKb()) / 1024);
    }
    System.exit(0);
  }

  private static void print(Result r) {
    System.out.printf(
        Locale.ROOT,
        "%-13s %7d pairs in %6.2f s: %8.1f pairs/s (%8.1f req/s), p50 %6.2f ms, p99 %7.2f ms, errors %d, RSS %d MiB%n",
        r.name(),
        r.pairs(),
        r.seconds(),
        r.pairsPerSecond(),
        2 * r.pairsPerSecond(),
        r.percentileMs(0.50),
        r.percentileMs(0.99),
        r.errors(),
        r.rssKb() / 1024);
  }

  private static Result run(
      String name, Target target, int pairs, int concurrency, List<String> orgs) throws Exception {
    long[] latencies = new long[pairs * 2];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicLong firstError = new AtomicLong();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      String org = orgs.get(w % orgs.size());
      done.add(
          workers.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < pairs; i = next.getAndIncrement()) {
                  String id = UUID.randomUUID().toString();
                  try {
                    long t0 = System.nanoTime();
                    int put = target.provision(id, org);
                    long t1 = System.nanoTime();
                    int del = target.deprovision(id);
                    long t2 = System.nanoTime();
                    latencies[2 * i] = t1 - t0;
                    latencies[2 * i + 1] = t2 - t1;
                    if (put >= 300 || del >= 300) {
                      if (errors.getAndIncrement() == 0) firstError.set(put * 1000L + del);
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) f.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    workers.shutdown();
    if (errors.get() > 0) {
      System.out.printf(
          "%s: %d errors (first: PUT %d / DELETE %d)%n",
          name, errors.get(), firstError.get() / 1000, firstError.get() % 1000);
    }
    if (!name.startsWith("warm-up"))
      System.out.printf(Locale.ROOT, "%s done in %.2f s%n", name, seconds);
    return new Result(name, pairs, seconds, latencies, errors.get(), rssKb());
  }

  private static Target osbTarget(
      HttpClient http, String base, byte[] provisionTemplate, boolean async) {
    String auth = OsbClient.basic("bench", "bench-password");
    String template = new String(provisionTemplate);
    String suffix = async ? "accepts_incomplete=true" : "accepts_incomplete=false";
    return new Target() {
      @Override
      public int provision(String id, String org) throws Exception {
        return send(
            HttpRequest.newBuilder(URI.create(base + "/v2/service_instances/" + id + "?" + suffix))
                .PUT(HttpRequest.BodyPublishers.ofString(template.replace("ORG", org))));
      }

      @Override
      public int deprovision(String id) throws Exception {
        return send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/v2/service_instances/"
                            + id
                            + "?service_id="
                            + TestOfferings.SERVICE
                            + "&plan_id="
                            + TestOfferings.SMALL
                            + "&"
                            + suffix))
                .DELETE());
      }

      private int send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpRequest request =
            b.header("Authorization", auth)
                .header("X-Broker-API-Version", "2.17")
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      }
    };
  }

  /** VmRSS of this process, in KiB (0 where /proc is missing). */
  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
