package io.exomarket.api.training;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the images' class-data-sharing training starts share (the operator's and the adapter's
 * {@code ClassDataTraining}): there is no API server at image build time, so a process starts as in
 * production against a loopback socket that accepts connections and never answers, its HTTP
 * endpoints are asked while it starts, and the parsing of the API server's answers, which the
 * silent socket cannot cause, is done on samples.
 */
public final class TrainingStart implements AutoCloseable {
  private final ServerSocket silentApi;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  public TrainingStart() throws IOException {
    this.silentApi = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /** A client configuration that points at the silent API server. */
  public Config clientConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl("https://127.0.0.1:" + silentApi.getLocalPort())
        .withTrustCerts(true)
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  /** A watch event and a list of each sample kind (fabric8 builds its registry at the first). */
  public static void parseAnswers(KubernetesSerialization json, List<HasMetadata> samples) {
    for (HasMetadata sample : samples) {
      sample.setMetadata(new ObjectMetaBuilder().withName("training").build());
      String object = json.asJson(sample);
      json.unmarshal("{\"type\":\"ADDED\",\"object\":" + object + "}", WatchEvent.class);
      json.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + object + "]}");
    }
  }

  /** Polls until the process's HTTP server answers while it starts; -1 if the start ended first. */
  public int awaitAnswer(String url, CompletableFuture<?> starting) {
    while (!starting.isDone()) {
      int status = status(url, Map.of());
      if (status > 0) return status;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return -1;
  }

  /** The status a GET is answered with; -1 for no answer. */
  public int status(String url, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notListening) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    silentApi.close();
  }
}
