package io.exomarket.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * What a Prometheus scrape of the operator's /metrics costs: its latency and the operator's CPU.
 */
final class MetricsScrapes {
  static final int SCRAPES = 20;

  record Figures(double medianMillis, double cpuMillisEach) {}

  private MetricsScrapes() {}

  static Figures measure(int port, OperatorProcess operator) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(30))
            .build();
    http.send(scrape, HttpResponse.BodyHandlers.discarding()); // untimed: the first loads classes
    double[] millis = new double[SCRAPES];
    double cpu0 = operator.cpuSeconds();
    for (int i = 0; i < SCRAPES; i++) {
      long t0 = System.nanoTime();
      HttpResponse<Void> answer = http.send(scrape, HttpResponse.BodyHandlers.discarding());
      millis[i] = (System.nanoTime() - t0) / 1e6;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("/metrics answered " + answer.statusCode());
      }
    }
    double cpuEach = (operator.cpuSeconds() - cpu0) * 1000 / SCRAPES;
    Arrays.sort(millis);
    return new Figures(millis[SCRAPES / 2], cpuEach);
  }
}
