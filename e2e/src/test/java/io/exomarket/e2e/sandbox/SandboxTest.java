package io.exomarket.e2e.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.sandbox.Sandbox;
import io.exomarket.testkit.junit.MockApiTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: the sandbox starts, writes endpoints.json, and a synchronous
 * provision as Exoscale sends it answers 201 with the dashboard URL; stopping it removes the file.
 */
@MockApiTier
class SandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void startsServesAProvisionAndStops() throws Exception {
    Sandbox sandbox =
        Sandbox.start(
            Map.of(
                "SANDBOX_DIR", dir.toString(),
                "SANDBOX_KUBE", "mock",
                "SANDBOX_OSB_PORT", "0",
                "SANDBOX_READY_DELAY_MS", "100"));
    try {
      JsonNode endpoints = JSON.readTree(dir.resolve("endpoints.json").toFile());
      String org = UUID.randomUUID().toString();
      String id = UUID.randomUUID().toString();
      String body =
          """
          {"service_id": "%s", "plan_id": "plan-small", "organization_guid": "%s", "space_guid": "%s",
           "parameters": {"users": [{"email": "owner@acme.example", "role": "owner"}]},
           "context": {"platform": "exoscale", "organization_guid": "%s"}}
          """
              .formatted(Sandbox.SERVICE_ID, org, org, org);
      String auth = endpoints.get("osbUser").asText() + ":" + endpoints.get("osbPassword").asText();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              endpoints.get("osbUrl").asText() + "/v2/service_instances/" + id))
                      .header(
                          "Authorization",
                          "Basic "
                              + Base64.getEncoder()
                                  .encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
                      .header("X-Broker-API-Version", "2.17")
                      .header("Content-Type", "application/json")
                      .PUT(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      assertThat(JSON.readTree(response.body()).get("dashboard_url").asText())
          .isEqualTo("https://" + id + ".db.example.com");
    } finally {
      sandbox.close();
    }
    assertThat(Files.exists(dir.resolve("endpoints.json"))).isFalse();
  }
}
