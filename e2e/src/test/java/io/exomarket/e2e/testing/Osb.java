package io.exomarket.e2e.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * An OSB client speaking as Exoscale does: Basic auth, API version 2.17, Exoscale-shaped bodies.
 */
public final class Osb {
  public static final String SERVICE = "9f3a1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5b";
  public static final String SMALL = "plan-small";
  public static final String LARGE = "plan-large";
  public static final String SUSPENDED = "plan-suspended";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final String auth;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Osb(String url, String user, String password) {
    this.url = url;
    this.auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public record Response(int status, JsonNode body, String raw) {
    public String text(String field) {
      return body == null || body.get(field) == null ? null : body.get(field).asText();
    }
  }

  public static ObjectNode provisionBody(String plan, String org, String... emails) {
    ObjectNode b =
        JSON.createObjectNode()
            .put("service_id", SERVICE)
            .put("plan_id", plan)
            .put("organization_guid", org)
            .put("space_guid", org);
    users(b.putObject("parameters"), emails);
    b.putObject("context")
        .put("platform", "exoscale")
        .put("organization_guid", org)
        .put("space_guid", org)
        .put("organization_name", "acme")
        .put("organization_display_name", "ACME SA");
    return b;
  }

  public static ObjectNode updateBody(String plan, String... emails) {
    ObjectNode b = JSON.createObjectNode().put("service_id", SERVICE).put("plan_id", plan);
    if (emails.length > 0) {
      users(b.putObject("parameters"), emails);
    }
    return b;
  }

  private static void users(ObjectNode parameters, String... emails) {
    ArrayNode users = parameters.putArray("users");
    for (String e : emails) {
      users
          .addObject()
          .put("email", e)
          .put("full_name", e.substring(0, e.indexOf('@')))
          .put("role", "owner");
    }
  }

  public Response provision(String id, ObjectNode body, boolean async) {
    return send(
        "PUT", "/v2/service_instances/" + id + (async ? "?accepts_incomplete=true" : ""), body);
  }

  public Response update(String id, ObjectNode body, boolean async) {
    return send(
        "PATCH", "/v2/service_instances/" + id + (async ? "?accepts_incomplete=true" : ""), body);
  }

  public Response deprovision(String id, String plan, boolean async) {
    return send(
        "DELETE",
        "/v2/service_instances/"
            + id
            + "?service_id="
            + SERVICE
            + "&plan_id="
            + plan
            + (async ? "&accepts_incomplete=true" : ""),
        null);
  }

  public Response lastOperation(String id, String operation) {
    return send(
        "GET", "/v2/service_instances/" + id + "/last_operation?operation=" + operation, null);
  }

  /** A bind request as a CloudFoundry-style platform sends it. */
  public static ObjectNode bindBody(String plan) {
    ObjectNode b = JSON.createObjectNode().put("service_id", SERVICE).put("plan_id", plan);
    b.putObject("bind_resource").put("app_guid", "app-" + plan);
    return b;
  }

  private static String binding(String id, String bindingId) {
    return "/v2/service_instances/" + id + "/service_bindings/" + bindingId;
  }

  public Response bind(String id, String bindingId, ObjectNode body, boolean async) {
    return send("PUT", binding(id, bindingId) + (async ? "?accepts_incomplete=true" : ""), body);
  }

  public Response unbind(String id, String bindingId, String plan, boolean async) {
    return send(
        "DELETE",
        binding(id, bindingId)
            + "?service_id="
            + SERVICE
            + "&plan_id="
            + plan
            + (async ? "&accepts_incomplete=true" : ""),
        null);
  }

  public Response fetchBinding(String id, String bindingId) {
    return send("GET", binding(id, bindingId), null);
  }

  public Response bindingLastOperation(String id, String bindingId, String operation) {
    return send("GET", binding(id, bindingId) + "/last_operation?operation=" + operation, null);
  }

  public Response send(String method, String path, ObjectNode body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url + path))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", auth)
              .header("X-Broker-API-Version", "2.17")
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.toString()))
              .build();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = null;
      try {
        parsed = r.body().isBlank() ? null : JSON.readTree(r.body());
      } catch (IOException e) {
        // not JSON
      }
      return new Response(r.statusCode(), parsed, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
