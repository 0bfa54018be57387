package io.exomarket.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Exoscale's side of the OSB calls the adapter benchmark makes: async provision, deprovision. */
public final class OsbCalls {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final String auth;

  public OsbCalls(String base, String user, String password) {
    this.base = base;
    this.auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public int provision(String id, String org) throws Exception {
    return provision(id, org, true);
  }

  /** Provision; synchronous ({@code async} false) answers once the instance is Ready. */
  public int provision(String id, String org, boolean async) throws Exception {
    String body =
        """
        {"service_id": "%s", "plan_id": "%s", "organization_guid": "%s", "space_guid": "%s",
         "parameters": {"users": [{"email": "owner@acme.example", "full_name": "Ada Owner", "role": "owner"}]},
         "context": {"platform": "exoscale", "organization_guid": "%s", "space_guid": "%s",
                     "organization_name": "acme", "organization_display_name": "ACME SA"}}
        """
            .formatted(BenchObjects.SERVICE_ID, BenchObjects.PLAN, org, org, org, org);
    return send(
        request("/v2/service_instances/" + id + "?accepts_incomplete=" + async)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public int deprovision(String id) throws Exception {
    return deprovision(id, true);
  }

  /** Deprovision; synchronous ({@code async} false) answers once the instance is gone. */
  public int deprovision(String id, boolean async) throws Exception {
    return send(
        request(
                "/v2/service_instances/"
                    + id
                    + "?service_id="
                    + BenchObjects.SERVICE_ID
                    + "&plan_id="
                    + BenchObjects.PLAN
                    + "&accepts_incomplete="
                    + async)
            .DELETE());
  }

  public int lastOperation(String id) throws Exception {
    return send(request("/v2/service_instances/" + id + "/last_operation").GET());
  }

  public int catalog() throws Exception {
    return send(request("/v2/catalog").GET());
  }

  /** {@code requests} catalog requests on {@code threads} threads, each answered 200; seconds. */
  public double catalogs(int requests, int threads) throws Exception {
    long t0 = System.nanoTime();
    Parallel.run(
        requests,
        threads,
        i -> {
          try {
            int status = catalog();
            if (status != 200) throw new IllegalStateException("catalog answered " + status);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    return (System.nanoTime() - t0) / 1e9;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", auth)
        .header("X-Broker-API-Version", "2.17")
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60));
  }

  private int send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
