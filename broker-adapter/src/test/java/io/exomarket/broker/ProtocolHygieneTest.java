package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.broker.testing.ApiSnapshot;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.testkit.junit.MockApiTier;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Auth (401), API version (412), their order, request identity echo, health and metrics. */
@MockApiTier
class ProtocolHygieneTest {
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static Stream<Arguments> badCredentials() {
    return Stream.of(
        Arguments.of("missing", null),
        Arguments.of("wrong user", OsbClient.basic("someone", BrokerFixture.PASSWORD)),
        Arguments.of("wrong password", OsbClient.basic(BrokerFixture.USER, "guess")),
        Arguments.of(
            "password prefix",
            OsbClient.basic(BrokerFixture.USER, BrokerFixture.PASSWORD.substring(1))),
        Arguments.of("not basic", "Bearer " + BrokerFixture.PASSWORD),
        Arguments.of("not base64", "Basic !!!"),
        Arguments.of(
            "no colon",
            "Basic "
                + java.util.Base64.getEncoder().encodeToString(BrokerFixture.USER.getBytes())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCredentials")
  void badCredentialsAre401BeforeAnythingElse(String label, String authorization) {
    ApiSnapshot before = f.snapshot();
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", authorization);
    headers.put("X-Broker-API-Version", null); // 401 comes before 412
    for (String[] call :
        new String[][] {
          {"GET", "/v2/catalog"}, {"PUT", OsbClient.path("x")}, {"DELETE", OsbClient.path("x")}
        }) {
      OsbClient.Response r = f.osb.send(call[0], call[1], "{not json", headers);
      assertThat(r.status()).as(label + " " + call[0]).isEqualTo(401);
      assertThat(r.text("error")).isEqualTo("Unauthorized");
      assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }
    assertThat(f.snapshot()).isEqualTo(before);
  }

  static Stream<Arguments> badVersions() {
    return Stream.of(
        Arguments.of("missing", null),
        Arguments.of("1.x", "1.14"),
        Arguments.of("2.12", "2.12"),
        Arguments.of("3.0", "3.0"),
        Arguments.of("garbage", "latest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badVersions")
  void unsupportedApiVersionIs412BeforeValidation(String label, String version) {
    ApiSnapshot before = f.snapshot();
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Broker-API-Version", version);
    OsbClient.Response r =
        f.osb.send("PUT", OsbClient.path(UUID.randomUUID().toString()), "{not json", headers);
    assertThat(r.status()).isEqualTo(412);
    assertThat(r.text("error")).isEqualTo("PreconditionFailed");
    assertThat(r.text("description")).contains("X-Broker-API-Version");
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void supportedVersionsAreAccepted() {
    for (String v : new String[] {"2.13", "2.14", "2.17", "2.99"}) {
      assertThat(f.osb.send("GET", "/v2/catalog", null, Map.of("X-Broker-API-Version", v)).status())
          .isEqualTo(200);
    }
  }

  @Test
  void requestIdentityIsEchoedOnEveryAnswer() {
    assertThat(
            f.osb
                .send("GET", "/v2/catalog", null, Map.of("X-Broker-API-Request-Identity", "r-1"))
                .header("X-Broker-API-Request-Identity"))
        .isEqualTo("r-1");
    assertThat(
            f.osb
                .send(
                    "GET",
                    "/v2/catalog",
                    null,
                    Map.of("X-Broker-API-Request-Identity", "r-2", "Authorization", "Basic eA=="))
                .header("X-Broker-API-Request-Identity"))
        .isEqualTo("r-2");
    assertThat(
            f.osb
                .send(
                    "PUT",
                    OsbClient.path("i"),
                    "[]",
                    Map.of("X-Broker-API-Request-Identity", "r-3"))
                .header("X-Broker-API-Request-Identity"))
        .isEqualTo("r-3");
  }

  @Test
  void healthAndMetricsNeedNoAuthAndMetricsUseRouteTemplates() {
    Map<String, String> anonymous = new HashMap<>();
    anonymous.put("Authorization", null);
    anonymous.put("X-Broker-API-Version", null);
    assertThat(f.osb.send("GET", "/healthz", null, anonymous).status()).isEqualTo(200);
    assertThat(f.osb.send("GET", "/readyz", null, anonymous).status()).isEqualTo(200);

    String id = UUID.randomUUID().toString();
    f.osb.deprovision(id, SERVICE, SMALL, false);
    f.osb.provision(id, Bodies.provision(SERVICE, SMALL, "not-a-uuid"), false);

    OsbClient.Response metrics = f.osb.send("GET", "/metrics", null, anonymous);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw())
        .contains(
            "osb_requests_total{endpoint=\"/v2/service_instances/{instance_id}\",method=\"DELETE\",status=\"410\",}")
        .contains(
            "osb_requests_total{endpoint=\"/v2/service_instances/{instance_id}\",method=\"PUT\",status=\"400\",}")
        .contains("osb_request_duration_seconds_bucket{endpoint=\"/v2/catalog\",method=\"GET\"")
        .contains("osb_sync_waits_in_progress 0.0")
        .doesNotContain(id);
  }

  @Test
  void unknownRoutesGetAnOsbErrorBody() {
    OsbClient.Response r = f.osb.send("GET", "/v2/nothing-here", null, Map.of());
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().has("description")).isTrue();
  }
}
