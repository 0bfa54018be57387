package io.exomarket.broker;

import io.exomarket.api.training.TrainingStart;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.osb.ApiVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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
    try (TrainingStart training = new TrainingStart();
        KubernetesClient client =
            new KubernetesClientBuilder().withConfig(training.clientConfig()).build()) {
      TrainingStart.parseAnswers(
          client.getKubernetesSerialization(),
          List.of(
              new ServiceOffering(), new ManagedServiceInstance(), new ManagedServiceBinding()));
      int port = TrainingStart.freePort();
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
      String base = "http://127.0.0.1:" + port;
      Map<String, String> version = Map.of(ApiVersion.HEADER, "2.17");
      answers.put("/readyz", training.awaitAnswer(base + "/readyz", starting));
      answers.put("/healthz", training.status(base + "/healthz", version));
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
      answers.put(
          "/v2/catalog",
          training.status(
              base + "/v2/catalog", Map.of(ApiVersion.HEADER, "2.17", "Authorization", auth)));
      answers.put("/metrics", training.status(base + "/metrics", version));
      try {
        starting.join().close(); // not expected: nothing answers the informers
      } catch (RuntimeException expected) {
        // the start timed out and stopped its informers and HTTP server
      }
    }
    LOG.info("class-data-sharing training done: {}", answers);
    return answers;
  }
}
