package io.exomarket.operator;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.exomarket.api.v1alpha1.DeliveryNote;
import io.exomarket.api.v1alpha1.DeliveryNoteState;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.config.DeliverySettings;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.client.ApiVariant;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.operator.testing.OperatorHarness;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.metering.MeteringSink;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real operator, the mock API server and a local webhook receiver (JDK HttpServer). */
@MockApiTier
class DeliveryNoteTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the receiver saw it. */
  record Received(int status, Map<String, List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  @RegisterExtension final OperatorHarness harness = OperatorHarness.onMock();
  private KubernetesClient client;
  private HttpServer receiver;
  private ExecutorService receiverThreads;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /**
   * Answers for the next requests: an HTTP status, or -N = wait N ms, then answer 200. Empty: 200.
   */
  private final Queue<Integer> script = new ConcurrentLinkedQueue<>();

  private ExomarketOperator operator;

  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    client = harness.client();
    Fixtures.namespace(client, "tenant");
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiverThreads = Executors.newCachedThreadPool();
    receiver.setExecutor(receiverThreads);
    receiver.createContext(
        "/notes",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Integer next = script.poll();
          int status = next == null || next < 0 ? 200 : next;
          if (next != null && next < 0) {
            try {
              Thread.sleep(-next);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          received.add(
              new Received(status, Map.copyOf(exchange.getRequestHeaders()), JSON.readTree(body)));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    receiverThreads.shutdownNow();
  }

  private DeliverySettings webhook() {
    return DeliverySettings.to(
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/notes"));
  }

  private ExomarketOperator startOperator(DeliverySettings delivery) {
    return harness.startOperator(OperatorConfig.defaults().withDelivery(delivery));
  }

  private ManagedServiceInstance readyInstance() {
    ManagedServiceInstance msi = client.resource(Fixtures.instance("tenant", "db", SMALL)).create();
    return Awaits.awaitState(client, msi, InstanceState.Ready, TIMEOUT);
  }

  private DeliveryNote awaitDelivered(ManagedServiceInstance msi) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              DeliveryNote note = client.resource(msi).get().getStatus().getDeliveryNote();
              return note != null && note.getState() == DeliveryNoteState.Delivered;
            });
    return client.resource(msi).get().getStatus().getDeliveryNote();
  }

  private List<Event> events(String reason) {
    return client.v1().events().inNamespace("tenant").list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  private double notes(String result) {
    Double v =
        operator
            .registry()
            .getSampleValue(
                "exomarket_delivery_notes_total", new String[] {"result"}, new String[] {result});
    return v == null ? 0 : v;
  }

  private double reconciliations(ExomarketOperator op) {
    Double v =
        op.registry()
            .getSampleValue(
                "exomarket_reconciliations_total",
                new String[] {"controller"},
                new String[] {"managedserviceinstance"});
    return v == null ? 0 : v;
  }

  @Test
  void deliveredOnceWithTheNoteAsJson() throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, "s3cr3t-token\n", StandardCharsets.UTF_8);
    operator = startOperator(webhook().withTokenFile(token));
    ManagedServiceInstance ready = readyInstance();
    DeliveryNote note = awaitDelivered(ready);

    assertThat(note.getAttempts()).isEqualTo(1);
    assertThat(note.getDeliveredAt()).isNotNull();
    assertThat(note.getLastError()).isNull();
    assertThat(received).hasSize(1);
    Received r = received.get(0);
    String uid = ready.getMetadata().getUid();
    assertThat(r.header("Idempotency-Key")).isEqualTo(uid);
    assertThat(r.header("Authorization")).isEqualTo("Bearer s3cr3t-token");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = r.body();
    assertThat(body.path("id").asText()).isEqualTo(uid);
    assertThat(body.path("type").asText()).isEqualTo("delivery-note");
    assertThat(body.path("organization").asText()).isEqualTo(Fixtures.ORG);
    assertThat(body.path("instance").path("id").asText())
        .isEqualTo(ready.getSpec().getInstanceId());
    assertThat(body.path("instance").path("namespace").asText()).isEqualTo("tenant");
    assertThat(body.path("instance").path("name").asText()).isEqualTo("db");
    assertThat(body.path("service").path("id").asText()).isEqualTo(Fixtures.SERVICE_ID);
    assertThat(body.path("plan").path("id").asText()).isEqualTo(SMALL);
    assertThat(body.path("plan").path("name").isTextual()).isTrue();
    assertThat(body.path("billableSince").asText()).isEqualTo(ready.getStatus().getBillableSince());
    await().atMost(TIMEOUT).until(() -> events("DeliveryNoteSent").size() == 1);
    assertThat(events("DeliveryNoteSent").get(0).getType()).isEqualTo("Normal");
    assertThat(notes("delivered")).isEqualTo(1.0);

    // A later reconcile (an annotation change) sends nothing more.
    double before = reconciliations(operator);
    client
        .resource(client.resource(ready).get())
        .edit(
            m -> {
              m.getMetadata().getAnnotations().put("touched", "yes");
              return m;
            });
    await().atMost(TIMEOUT).until(() -> reconciliations(operator) > before);
    assertThat(received).hasSize(1);
  }

  @Test
  void receiverFailingTwiceGetsTheNoteOnceOnTheThirdAttempt() {
    script.add(500);
    script.add(503);
    operator = startOperator(webhook());
    ManagedServiceInstance ready = readyInstance();
    DeliveryNote note = awaitDelivered(ready);

    assertThat(note.getAttempts()).isEqualTo(3);
    assertThat(note.getRetryAt()).isNull();
    assertThat(received).extracting(Received::status).containsExactly(500, 503, 200);
    assertThat(received)
        .extracting(r -> r.header("Idempotency-Key"))
        .containsOnly(ready.getMetadata().getUid());
    assertThat(received)
        .extracting(r -> r.body().path("id").asText())
        .containsOnly(ready.getMetadata().getUid());
    assertThat(events("DeliveryNoteFailed"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
    await().atMost(TIMEOUT).until(() -> events("DeliveryNoteSent").size() == 1);
    assertThat(notes("not_delivered")).isEqualTo(2.0);
    assertThat(notes("delivered")).isEqualTo(1.0);
  }

  @Test
  void anAnswerThatNeverComesIsSentAgainWithTheSameIdempotencyKey() {
    // The receiver processes the note but answers after the operator gave up. The timeout leaves
    // the second (prompt) answer room on a loaded machine: at 500 ms it timed out too at times.
    script.add(-5000);
    operator = startOperator(webhook().withRequestTimeout(Duration.ofSeconds(2)));
    ManagedServiceInstance ready = readyInstance();
    DeliveryNote note = awaitDelivered(ready);

    assertThat(note.getAttempts()).isEqualTo(2);
    await().atMost(TIMEOUT).until(() -> received.size() == 2);
    assertThat(received)
        .extracting(r -> r.header("Idempotency-Key"))
        .containsOnly(ready.getMetadata().getUid());
    assertThat(notes("ambiguous")).isEqualTo(1.0);
    assertThat(events("DeliveryNoteFailed"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("same idempotency key"));
  }

  @Test
  void withMeteringOnTheRetryComesAtTheNotifiersTimeNotAtMeteringsRecheck() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("metering")
                .withNamespace("tenant")
                .endMetadata()
                .withStringData(Map.of("key", "EXOtest", "secret", "s3cr3t"))
                .build())
        .create();
    try (MeteringSink sink = MeteringSink.start(0, "EXOtest", "s3cr3t")) {
      // Metering alone would look again in 10 minutes; the note's retry is due after about a
      // second.
      UsageSettings usage =
          new UsageSettings(
              sink.url(),
              ApiVariant.PARTNER,
              "acme-db",
              "tenant",
              "metering",
              Duration.ofHours(1),
              Duration.ofMinutes(5),
              Duration.ofMinutes(10),
              Duration.ofSeconds(2),
              Duration.ofHours(1),
              false,
              Duration.ofHours(6));
      script.add(500);
      operator =
          harness.startOperator(OperatorConfig.defaults().withUsage(usage).withDelivery(webhook()));
      ManagedServiceInstance ready = readyInstance();
      DeliveryNote note = awaitDelivered(ready);
      assertThat(note.getAttempts()).isEqualTo(2);
      assertThat(client.resource(ready).get().getStatus().getUsage()).isNotNull();
    }
  }

  @Test
  void aRestartAfterDeliveryDoesNotSendAgain() {
    operator = startOperator(webhook());
    ManagedServiceInstance ready = readyInstance();
    awaitDelivered(ready);
    operator.close();

    operator = startOperator(webhook());
    ExomarketOperator second = operator;
    await().atMost(TIMEOUT).until(() -> reconciliations(second) >= 1);
    await().pollDelay(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> true);
    assertThat(received).hasSize(1);
    assertThat(client.resource(ready).get().getStatus().getDeliveryNote().getAttempts())
        .isEqualTo(1);
  }

  @Test
  void withoutAWebhookNothingIsSentAndTheStatusHasNoNote() {
    operator = startOperator(DeliverySettings.disabled());
    ManagedServiceInstance ready = readyInstance();
    await().pollDelay(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> true);
    assertThat(received).isEmpty();
    assertThat(client.resource(ready).get().getStatus().getDeliveryNote()).isNull();
    assertThat(events("DeliveryNoteSent")).isEmpty();
    assertThat(
            operator
                .registry()
                .getSampleValue(
                    "exomarket_delivery_notes_total",
                    new String[] {"result"},
                    new String[] {"delivered"}))
        .isNull();
  }

  @Test
  void configurationFromTheEnvironment() {
    assertThat(OperatorConfig.fromEnvironment(Map.of()).delivery().enabled()).isFalse();
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("DELIVERY_WEBHOOK_URL", " "))
                .delivery()
                .enabled())
        .isFalse();
    DeliverySettings s =
        OperatorConfig.fromEnvironment(
                Map.of(
                    "DELIVERY_WEBHOOK_URL", "https://user:pw@vendor.example/hooks/delivery?sig=abc",
                    "DELIVERY_WEBHOOK_TOKEN_FILE", "/var/run/secrets/delivery/token",
                    "DELIVERY_WEBHOOK_TIMEOUT_SECONDS", "7"))
            .delivery();
    assertThat(s.enabled()).isTrue();
    assertThat(s.tokenFile()).contains(Path.of("/var/run/secrets/delivery/token"));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(s.redactedWebhook()).isEqualTo("https://vendor.example/hooks/delivery");
    assertThat(s.toString()).doesNotContain("pw").doesNotContain("sig=").doesNotContain("/var/run");
  }
}
