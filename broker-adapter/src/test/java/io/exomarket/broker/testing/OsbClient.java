package io.exomarket.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A platform's view of the broker: plain java.net.http requests with OSB headers. */
public final class OsbClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http;
  private final String baseUrl;
  private final Map<String, String> defaults = new LinkedHashMap<>();

  public record Response(int status, JsonNode json, String raw, HttpHeaders headers) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public String text(String field) {
      return json == null || json.get(field) == null ? null : json.get(field).asText();
    }
  }

  public OsbClient(String baseUrl, String username, String password) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        baseUrl,
        username,
        password);
  }

  public OsbClient(HttpClient http, String baseUrl, String username, String password) {
    this.http = http;
    this.baseUrl = baseUrl;
    defaults.put("Authorization", basic(username, password));
    defaults.put("X-Broker-API-Version", "2.17");
  }

  public static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public static String path(String instanceId) {
    return "/v2/service_instances/"
        + URLEncoder.encode(instanceId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public Response catalog() {
    return send("GET", "/v2/catalog", null, Map.of());
  }

  public Response provision(String id, Object body, boolean async) {
    return send("PUT", path(id) + (async ? "?accepts_incomplete=true" : ""), body, Map.of());
  }

  public Response update(String id, Object body, boolean async) {
    return send("PATCH", path(id) + (async ? "?accepts_incomplete=true" : ""), body, Map.of());
  }

  public Response deprovision(String id, String serviceId, String planId, boolean async) {
    return send(
        "DELETE",
        path(id)
            + "?service_id="
            + serviceId
            + "&plan_id="
            + planId
            + (async ? "&accepts_incomplete=true" : ""),
        null,
        Map.of());
  }

  public Response lastOperation(String id, String operation) {
    return send(
        "GET",
        path(id) + "/last_operation" + (operation == null ? "" : "?operation=" + operation),
        null,
        Map.of());
  }

  public static String bindingPath(String instanceId, String bindingId) {
    return path(instanceId)
        + "/service_bindings/"
        + URLEncoder.encode(bindingId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public Response bind(String id, String bindingId, Object body, boolean async) {
    return send(
        "PUT",
        bindingPath(id, bindingId) + (async ? "?accepts_incomplete=true" : ""),
        body,
        Map.of());
  }

  public Response unbind(
      String id, String bindingId, String serviceId, String planId, boolean async) {
    return send(
        "DELETE",
        bindingPath(id, bindingId)
            + "?service_id="
            + serviceId
            + "&plan_id="
            + planId
            + (async ? "&accepts_incomplete=true" : ""),
        null,
        Map.of());
  }

  public Response fetchBinding(String id, String bindingId) {
    return send("GET", bindingPath(id, bindingId), null, Map.of());
  }

  public Response bindingLastOperation(String id, String bindingId, String operation) {
    return send(
        "GET",
        bindingPath(id, bindingId)
            + "/last_operation"
            + (operation == null ? "" : "?operation=" + operation),
        null,
        Map.of());
  }

  public Response fetch(String id) {
    return send("GET", path(id), null, Map.of());
  }

  /**
   * Any request; {@code headers} override the defaults, and a null value removes a default header.
   * A String body is sent as is, anything else as JSON.
   */
  public Response send(String method, String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    Map<String, String> all = new LinkedHashMap<>(defaults);
    all.putAll(headers);
    all.forEach(
        (k, v) -> {
          if (v != null) b.header(k, v);
        });
    String payload;
    try {
      payload =
          body == null ? null : body instanceof String s ? s : MAPPER.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    if (payload != null) b.header("Content-Type", "application/json");
    b.method(
        method,
        payload == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(payload));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (r.body() != null && !r.body().isBlank()) {
        try {
          json = MAPPER.readTree(r.body());
        } catch (IOException notJson) {
          json = null;
        }
      }
      return new Response(r.statusCode(), json, r.body(), r.headers());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
