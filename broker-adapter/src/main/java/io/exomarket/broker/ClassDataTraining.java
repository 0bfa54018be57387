package io.exomarket.broker;

import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.osb.ApiVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the image's class-data-sharing archive ({@code broker-adapter/Dockerfile}:
 * {@code java -XX:ArchiveClassesAtExit=... BrokerMain --train-class-data-sharing}). There is no API
 * server at image build time, so the adapter starts as in production against a loopback socket that
 * accepts connections and never answers: its client, informers and HTTP server start, a few
 * requests go through the HTTP server (answered 503: the caches never sync), then the start times
 * out and stops everything. What the silent socket cannot cause, the parsing of the API server's
 * answers (fabric8 builds its registry of kinds at the first), is done on samples. The archive
 * holds the classes this loaded; a real start maps them instead of reading and verifying them from
 * the jars.
 */
final class ClassDataTraining {
  static final String ARGUMENT = "--train-class-data-sharing";
  private static final Logger LOG = LoggerFactory.getLogger(ClassDataTraining.class);
  private static final String USER = "training";
  // Long enough for the requests below on a slow (emulated) build machine.
  private static final String SYNC_TIMEOUT = "10s";

  private ClassDataTraining() {}

  /**
   * Runs the training start.
   *
   * @return the status each request was answered with (-1: no answer)
   */
  static Map<String, Integer> run() throws IOException {
    Map<String, Integer> answers = new LinkedHashMap<>();
    try (ServerSocket silentApi = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KubernetesClient client =
            new KubernetesClientBuilder().withConfig(config(silentApi)).build()) {
      parseAnswers(client.getKubernetesSerialization());
      int port = freePort();
      String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      BrokerConfig config =
          BrokerConfig.fromEnv(
              Map.of(
                  "BROKER_HOST", "127.0.0.1",
                  "BROKER_PORT", Integer.toString(port),
                  "BROKER_USERNAME", USER,
                  "BROKER_PASSWORD", password,
                  "BROKER_INFORMER_SYNC_TIMEOUT", SYNC_TIMEOUT));
      CompletableFuture<BrokerServer> starting =
          CompletableFuture.supplyAsync(() -> BrokerServer.start(client, config));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      String base = "http://127.0.0.1:" + port;
      answers.put("/readyz", awaitAnswer(http, base + "/readyz", starting));
      answers.put("/healthz", status(http, base + "/healthz", null));
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
      answers.put("/v2/catalog", status(http, base + "/v2/catalog", auth));
      answers.put("/metrics", status(http, base + "/metrics", null));
      try {
        starting.join().close(); // not expected: nothing answers the informers
      } catch (RuntimeException expected) {
        // the start timed out and stopped its informers and HTTP server
      }
    }
    LOG.info("class-data-sharing training done: {}", answers);
    return answers;
  }

  /** A watch event and a list of each kind the adapter's informers hold. */
  private static void parseAnswers(KubernetesSerialization json) {
    for (HasMetadata sample :
        List.of(new ServiceOffering(), new ManagedServiceInstance(), new ManagedServiceBinding())) {
      sample.setMetadata(new ObjectMetaBuilder().withName("training").build());
      String object = json.asJson(sample);
      json.unmarshal("{\"type\":\"ADDED\",\"object\":" + object + "}", WatchEvent.class);
      json.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + object + "]}");
    }
  }

  private static Config config(ServerSocket silentApi) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl("https://127.0.0.1:" + silentApi.getLocalPort())
        .withTrustCerts(true)
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  /** Polls until the HTTP server answers (it opens while the informers list). */
  private static int awaitAnswer(HttpClient http, String url, CompletableFuture<?> starting) {
    while (!starting.isDone()) {
      int status = status(http, url, null);
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

  private static int status(HttpClient http, String url, String auth) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(5))
            .header(ApiVersion.HEADER, "2.17");
    if (auth != null) request.header("Authorization", auth);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notListening) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
