package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.FIXED_PLAN;
import static io.exomarket.broker.testing.TestOfferings.FIXED_SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static io.exomarket.broker.testing.TestOfferings.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.broker.testing.ApiSnapshot;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.testkit.junit.MockApiTier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets a 400 with an OSB error body, and leaves the Kubernetes API exactly
 * as it was: no namespace, no MSI, no annotation written.
 */
@MockApiTier
class BadRequestTest {
  private static final String EXISTING = "existing-" + UUID.randomUUID();
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture();
    assertThat(
            f.osb
                .provision(EXISTING, Bodies.provision(SERVICE, SMALL, Bodies.newOrg()), true)
                .status())
        .isEqualTo(202);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  record Call(String method, String path, Object body, Map<String, String> headers) {}

  private static Call put(Object body) {
    return new Call("PUT", OsbClient.path(UUID.randomUUID().toString()), body, Map.of());
  }

  private static Call put(Consumer<ObjectNode> change) {
    ObjectNode body = Bodies.provision(SERVICE, SMALL, Bodies.newOrg());
    change.accept(body);
    return put(body);
  }

  private static Call patch(Consumer<ObjectNode> change) {
    ObjectNode body = Bodies.update(SERVICE, SMALL);
    change.accept(body);
    return new Call("PATCH", OsbClient.path(EXISTING), body, Map.of());
  }

  private static String identity(String platform, String json) {
    return platform
        + " "
        + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> badRequests() {
    String big = "x".repeat(70 * 1024);
    return Stream.of(
        Arguments.of("malformed JSON", put("{\"service_id\": ")),
        Arguments.of("trailing garbage", put("{\"service_id\": \"a\"} x")),
        Arguments.of("duplicate keys", put("{\"service_id\": \"a\", \"service_id\": \"b\"}")),
        Arguments.of("array body", put("[]")),
        Arguments.of("empty body", put("")),
        Arguments.of("service_id is a number", put(b -> b.put("service_id", 42))),
        Arguments.of("plan_id is an object", put(b -> b.putObject("plan_id"))),
        Arguments.of("missing service_id", put(b -> b.remove("service_id"))),
        Arguments.of("missing plan_id", put(b -> b.remove("plan_id"))),
        Arguments.of(
            "missing organization_guid",
            put(
                b -> {
                  b.remove("organization_guid");
                  ((ObjectNode) b.get("context")).remove("organization_guid");
                })),
        Arguments.of(
            "missing space_guid",
            put(
                b -> {
                  b.remove("space_guid");
                  ((ObjectNode) b.get("context")).remove("space_guid");
                })),
        Arguments.of(
            "empty space_guid",
            put(
                b -> {
                  b.put("space_guid", "");
                  ((ObjectNode) b.get("context")).remove("space_guid");
                })),
        Arguments.of(
            "organization_guid null beside a valid context.organization_guid",
            put(b -> b.putNull("organization_guid"))),
        Arguments.of(
            "organization_guid a number beside a valid context.organization_guid",
            put(b -> b.put("organization_guid", 42))),
        Arguments.of(
            "context.organization_uuid an object beside valid *_guid",
            put(b -> ((ObjectNode) b.get("context")).putObject("organization_uuid"))),
        Arguments.of(
            "organization longer than 255 characters",
            put(
                b -> {
                  b.put("organization_guid", "o".repeat(256));
                  ((ObjectNode) b.get("context")).remove("organization_guid");
                })),
        Arguments.of(
            "organization with a control character",
            put(
                b -> {
                  b.put("organization_guid", "acme\u0001");
                  ((ObjectNode) b.get("context")).remove("organization_guid");
                })),
        Arguments.of("plan_id null", put(b -> b.putNull("plan_id"))),
        Arguments.of("parameters null", put(b -> b.putNull("parameters"))),
        Arguments.of("PATCH plan_id null", patch(b -> b.putNull("plan_id"))),
        Arguments.of(
            "organization spellings disagree",
            put(
                b ->
                    ((ObjectNode) b.get("context"))
                        .put("organization_guid", UUID.randomUUID().toString()))),
        Arguments.of("context is a string", put(b -> b.put("context", "exoscale"))),
        Arguments.of("parameters is an array", put(b -> b.putArray("parameters"))),
        Arguments.of(
            "users is an object", put(b -> ((ObjectNode) b.get("parameters")).putObject("users"))),
        Arguments.of(
            "user without email",
            put(
                b ->
                    ((ObjectNode) b.get("parameters"))
                        .putArray("users")
                        .addObject()
                        .put("role", "owner"))),
        Arguments.of(
            "parameter violates the schema",
            put(b -> ((ObjectNode) b.get("parameters")).put("size", 0))),
        Arguments.of(
            "parameter unknown to the schema",
            put(b -> ((ObjectNode) b.get("parameters")).put("colour", "red"))),
        Arguments.of("unknown service", put(b -> b.put("service_id", "no-such-service"))),
        Arguments.of("unknown plan", put(b -> b.put("plan_id", "no-such-plan"))),
        Arguments.of("plan of another service", put(b -> b.put("plan_id", FIXED_PLAN))),
        Arguments.of("provisioning the suspension plan", put(b -> b.put("plan_id", SUSPENDED))),
        Arguments.of(
            "maintenance_info without version",
            put(b -> b.putObject("maintenance_info").put("description", "x"))),
        Arguments.of(
            "oversized body", put(b -> ((ObjectNode) b.get("parameters")).put("region", big))),
        Arguments.of(
            "accepts_incomplete not a boolean",
            new Call(
                "PUT",
                OsbClient.path("i") + "?accepts_incomplete=yes",
                Bodies.provision(SERVICE, SMALL, Bodies.newOrg()),
                Map.of())),
        Arguments.of(
            "instance id with a space",
            new Call(
                "PUT",
                "/v2/service_instances/a%20b",
                Bodies.provision(SERVICE, SMALL, Bodies.newOrg()),
                Map.of())),
        Arguments.of(
            "instance id with a control character",
            new Call(
                "PUT",
                "/v2/service_instances/a%01b",
                Bodies.provision(SERVICE, SMALL, Bodies.newOrg()),
                Map.of())),
        Arguments.of(
            "instance id too long",
            new Call(
                "PUT",
                OsbClient.path("i".repeat(256)),
                Bodies.provision(SERVICE, SMALL, Bodies.newOrg()),
                Map.of())),
        Arguments.of(
            "originating identity not base64",
            new Call(
                "PUT",
                OsbClient.path("i"),
                Bodies.provision(SERVICE, SMALL, Bodies.newOrg()),
                Map.of("X-Broker-API-Originating-Identity", "exoscale %%%"))),
        Arguments.of(
            "originating identity not an object",
            new Call(
                "PUT",
                OsbClient.path("i"),
                Bodies.provision(SERVICE, SMALL, Bodies.newOrg()),
                Map.of("X-Broker-API-Originating-Identity", identity("exoscale", "[1]")))),
        Arguments.of(
            "platform and identity disagree",
            new Call(
                "PUT",
                OsbClient.path("i"),
                Bodies.provision(SERVICE, SMALL, Bodies.newOrg()),
                Map.of(
                    "X-Broker-API-Originating-Identity",
                    identity("cloudfoundry", "{\"user_id\":\"u\"}")))),
        Arguments.of(
            "PATCH malformed JSON", new Call("PATCH", OsbClient.path(EXISTING), "{", Map.of())),
        Arguments.of("PATCH without service_id", patch(b -> b.remove("service_id"))),
        Arguments.of(
            "PATCH with another service_id", patch(b -> b.put("service_id", FIXED_SERVICE))),
        Arguments.of("PATCH to an unknown plan", patch(b -> b.put("plan_id", "no-such-plan"))),
        Arguments.of("PATCH with an empty plan_id", patch(b -> b.put("plan_id", ""))),
        Arguments.of(
            "PATCH parameters violate the schema",
            patch(b -> b.putObject("parameters").put("size", "big"))),
        Arguments.of(
            "PATCH users not an array",
            patch(b -> b.putObject("parameters").put("users", "everyone"))),
        Arguments.of(
            "PATCH previous_values not an object", patch(b -> b.put("previous_values", 1))),
        Arguments.of(
            "DELETE without service_id",
            new Call("DELETE", OsbClient.path(EXISTING) + "?plan_id=" + SMALL, null, Map.of())),
        Arguments.of(
            "DELETE without plan_id",
            new Call(
                "DELETE", OsbClient.path(EXISTING) + "?service_id=" + SERVICE, null, Map.of())),
        Arguments.of(
            "DELETE without either", new Call("DELETE", OsbClient.path(EXISTING), null, Map.of())),
        Arguments.of(
            "DELETE of an unknown instance without ids",
            new Call("DELETE", OsbClient.path("unknown"), null, Map.of())),
        Arguments.of(
            "DELETE with another service_id",
            new Call(
                "DELETE",
                OsbClient.path(EXISTING)
                    + "?service_id="
                    + FIXED_SERVICE
                    + "&plan_id="
                    + FIXED_PLAN,
                null,
                Map.of())),
        Arguments.of(
            "DELETE with an unknown plan_id",
            new Call(
                "DELETE",
                OsbClient.path(EXISTING) + "?service_id=" + SERVICE + "&plan_id=nope",
                null,
                Map.of())),
        Arguments.of(
            "last_operation with a malformed operation",
            new Call(
                "GET",
                OsbClient.path(EXISTING) + "/last_operation?operation=whatever",
                null,
                Map.of())),
        Arguments.of(
            "last_operation of a future generation",
            new Call(
                "GET",
                OsbClient.path(EXISTING) + "/last_operation?operation=update:99",
                null,
                Map.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badInputIs400AndChangesNothing(String label, Call call) {
    ApiSnapshot before = f.snapshot();
    OsbClient.Response r = f.osb.send(call.method(), call.path(), call.body(), call.headers());
    assertThat(r.status()).as(label + ": " + r.raw()).isEqualTo(400);
    assertThat(r.text("error")).isEqualTo("BadRequest");
    assertThat(r.text("description")).isNotBlank();
    assertThat(f.snapshot()).as(label).isEqualTo(before);
  }
}
