package io.exomarket.operator.metering.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.testkit.metering.MeteringSink;
import io.exomarket.testkit.metering.RecordedUsage;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both API shapes and authentication, client and sink talking over loopback. */
class ClientAgainstSinkTest {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final UUID ORG = UUID.fromString("bf9bbc88-71ea-407c-9920-fc1101d86183");

  final MeteringSink sink =
      MeteringSink.builder().credentials("EXOkey", "s3cr3t").clock(CLOCK).start();

  @AfterEach
  void close() {
    sink.close();
  }

  MeteringClientConfig config(ApiVariant variant, String secret) {
    return MeteringClientConfig.of(
        sink.url(), variant, "acme-db", new MeteringCredentials("EXOkey", secret));
  }

  MeteringClient client(ApiVariant variant) {
    return MeteringClientFactory.create(config(variant, "s3cr3t"), CLOCK);
  }

  static UsageReport report(String... variableQuantity) {
    List<UsageRecord> records = new ArrayList<>();
    for (int i = 0; i < variableQuantity.length; i += 2) {
      records.add(new UsageRecord(variableQuantity[i], new BigDecimal(variableQuantity[i + 1])));
    }
    return UsageReport.of(ORG, "acme-db", records);
  }

  @Test
  void startsOnAnEphemeralLoopbackPort() {
    try (MeteringSink other = MeteringSink.start(0, "k", "s")) {
      assertThat(other.url().getHost()).isEqualTo("127.0.0.1");
      assertThat(other.port()).isPositive().isNotEqualTo(sink.port());
    }
  }

  @Test
  void recordsThePartnerShape() {
    CallOutcome outcome =
        client(ApiVariant.PARTNER)
            .send(report("uptime_h", "12.5", "credit", "-42.00005", "storage_gbh", "1000"));

    assertThat(outcome).isEqualTo(new CallOutcome.Accepted());
    assertThat(sink.reports())
        .extracting(
            RecordedUsage::requestNumber,
            RecordedUsage::organization,
            RecordedUsage::product,
            RecordedUsage::variable,
            RecordedUsage::receivedAt,
            RecordedUsage::path)
        .containsExactly(
            tuple(1L, ORG, "acme-db", "uptime_h", NOW, "/v1.alpha/metering:apply"),
            tuple(1L, ORG, "acme-db", "credit", NOW, "/v1.alpha/metering:apply"),
            tuple(1L, ORG, "acme-db", "storage_gbh", NOW, "/v1.alpha/metering:apply"));
    assertThat(sink.reports())
        .extracting(RecordedUsage::quantity)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(
            new BigDecimal("12.5"), new BigDecimal("-42.00005"), new BigDecimal("1000"));
  }

  @Test
  void recordsTheLegacyShape() {
    assertThat(client(ApiVariant.LEGACY).send(report("uptime_h", "1.2")))
        .isEqualTo(new CallOutcome.Accepted());
    assertThat(sink.reports())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.organization()).isEqualTo(ORG);
              assertThat(r.product()).isNull();
              assertThat(r.variable()).isEqualTo("uptime_h");
              assertThat(r.quantity()).isEqualByComparingTo("1.2");
              assertThat(r.path()).isEqualTo("/orgs/" + ORG + "/usage");
            });
  }

  @Test
  void acceptsBasicCredentialsWhenTheLegacyApiIsConfiguredSo() {
    MeteringClient basic =
        MeteringClientFactory.create(
            config(ApiVariant.LEGACY, "s3cr3t").withAuthScheme(AuthScheme.BASIC), CLOCK);
    MeteringClient wrong =
        MeteringClientFactory.create(
            config(ApiVariant.LEGACY, "nope").withAuthScheme(AuthScheme.BASIC), CLOCK);
    assertThat(basic.send(report("u", "1"))).isEqualTo(new CallOutcome.Accepted());
    assertThat(wrong.send(report("u", "2"))).isInstanceOf(CallOutcome.Rejected.class);
    assertThat(sink.reports()).hasSize(1);
  }

  @Test
  void aWrongSecretIsRejectedWith401AndNotRecorded() {
    MeteringClient wrong = MeteringClientFactory.create(config(ApiVariant.PARTNER, "nope"), CLOCK);
    CallOutcome outcome = wrong.send(report("uptime_h", "1"));
    assertThat(outcome).isInstanceOf(CallOutcome.Rejected.class);
    assertThat(((CallOutcome.Rejected) outcome).status()).isEqualTo(401);
    assertThat(((CallOutcome.Rejected) outcome).body()).contains("bad_signature");
    assertThat(sink.reports()).isEmpty();
    assertThat(sink.meteringRequests()).isZero();
  }

  @Test
  void anExpiredSignatureIsRejected() {
    Clock hourAgo = Clock.offset(CLOCK, Duration.ofHours(-1));
    MeteringClient late =
        MeteringClientFactory.create(config(ApiVariant.PARTNER, "s3cr3t"), hourAgo);
    CallOutcome outcome = late.send(report("uptime_h", "1"));
    assertThat(outcome)
        .isEqualTo(new CallOutcome.Rejected(401, "{\"message\":\"signature expired\"}"));
    assertThat(sink.reports()).isEmpty();
  }

  @Test
  void unsignedAndMalformedRequestsAreRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> unsigned =
        http.send(
            HttpRequest.newBuilder(sink.url().resolve("/v1.alpha/metering:apply"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(401);
    HttpResponse<String> wrongMethod =
        http.send(
            HttpRequest.newBuilder(sink.url().resolve("/v1.alpha/metering:apply")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(sink.url().resolve("/v2/zone")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(sink.reports()).isEmpty();
  }

  @Test
  void servesTheRecordedReportsAsJson() throws Exception {
    client(ApiVariant.PARTNER).send(report("uptime_h", "1000", "credit", "-0.00001"));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(sink.url().resolve("/reports")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body())
        .contains("\"quantity\":1000,", "\"quantity\":-0.00001,")
        .doesNotContain("E+", "E-");
    JsonNode json = new ObjectMapper().readTree(response.body());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("organization").asText()).isEqualTo(ORG.toString());
    assertThat(json.get(0).get("product").asText()).isEqualTo("acme-db");
    assertThat(json.get(0).get("variable").asText()).isEqualTo("uptime_h");
    assertThat(json.get(0).get("receivedAt").asText()).isEqualTo(NOW.toString());
    assertThat(json.get(0).get("path").asText()).isEqualTo("/v1.alpha/metering:apply");
    assertThat(json.get(1).get("requestNumber").asLong()).isEqualTo(1);
  }

  @Test
  void refusesBodiesExoscaleWouldRefuse() throws Exception {
    String tooPrecise =
        "{\"organization\":\""
            + ORG
            + "\",\"usage\":[{\"product\":\"p\","
            + "\"variable\":\"v\",\"quantity\":0.000001}]}";
    String quotedNumber =
        "{\"organization\":\""
            + ORG
            + "\",\"usage\":[{\"product\":\"p\","
            + "\"variable\":\"v\",\"quantity\":\"1\"}]}";
    String noOrg = "{\"usage\":[{\"product\":\"p\",\"variable\":\"v\",\"quantity\":1}]}";
    for (String body : List.of(tooPrecise, quotedNumber, noOrg, "{\"usage\":[]}", "nonsense")) {
      assertThat(signedPost("/v1.alpha/metering:apply", body).statusCode()).as(body).isEqualTo(400);
    }
    assertThat(
            signedPost(
                    "/orgs/not-a-uuid/usage",
                    "{\"records\":[{\"variable\":\"v\"," + "\"quantity\":1}]}")
                .statusCode())
        .isEqualTo(400);
    assertThat(sink.reports()).isEmpty();
  }

  private HttpResponse<String> signedPost(String path, String body) throws Exception {
    String auth =
        new io.exomarket.operator.metering.client.Exo2Signer(
                new MeteringCredentials("EXOkey", "s3cr3t"), CLOCK)
            .authorization("POST", path, body);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(sink.url().resolve(path))
                .header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void recordsConcurrentReportsExactlyOnce() throws Exception {
    MeteringClient client = client(ApiVariant.PARTNER);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<CallOutcome>> sent = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String quantity = String.valueOf(i);
        sent.add(pool.submit(() -> client.send(report("n", quantity))));
      }
      for (Future<CallOutcome> f : sent) {
        assertThat(f.get()).isEqualTo(new CallOutcome.Accepted());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sink.reports())
        .hasSize(40)
        .extracting(r -> r.quantity().intValueExact())
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).boxed().toList());
    assertThat(sink.reports()).extracting(RecordedUsage::requestNumber).doesNotHaveDuplicates();
  }

  @Test
  void addsTheConfiguredLatency() {
    sink.latency(Duration.ofMillis(150));
    long started = System.nanoTime();
    assertThat(client(ApiVariant.PARTNER).send(report("u", "1")))
        .isEqualTo(new CallOutcome.Accepted());
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void acceptsChunkedBodiesFromOtherClients() throws Exception {
    String path = "/orgs/" + ORG + "/usage";
    String body = "{\"records\":[{\"variable\":\"v\",\"quantity\":2.5}]}";
    String auth =
        new io.exomarket.operator.metering.client.Exo2Signer(
                new MeteringCredentials("EXOkey", "s3cr3t"), CLOCK)
            .authorization("POST", path, body);
    // A publisher of unknown length makes the JDK client send chunks.
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sink.url() + path))
            .header("Authorization", auth)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body.getBytes())))
            .build();
    HttpResponse<Void> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(sink.reports())
        .singleElement()
        .satisfies(r -> assertThat(r.quantity()).isEqualByComparingTo("2.5"));
  }
}
