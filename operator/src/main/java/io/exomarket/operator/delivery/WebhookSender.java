package io.exomarket.operator.delivery;

import io.exomarket.operator.DeliverySettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs a delivery note with java.net.http, one request per call (the JDK client never re-sends a
 * POST by itself). The bearer token is read from its file at each call and never logged.
 */
public final class WebhookSender {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final DeliverySettings settings;
  private final HttpClient http;

  public WebhookSender(DeliverySettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public DeliveryOutcome send(DeliveryNotePayload note, String attemptId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.webhook())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header(IDEMPOTENCY_KEY, note.id())
        .header("X-Attempt-Id", attemptId)
        .POST(HttpRequest.BodyPublishers.ofString(note.toJson(), StandardCharsets.UTF_8));
    Optional<String> token;
    try {
      token = token();
    } catch (IOException e) {
      return new DeliveryOutcome.NotDelivered("cannot read the webhook token file: " + e.getClass().getSimpleName(), Optional.empty());
    }
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<Void> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return new DeliveryOutcome.NotDelivered("cannot connect: " + describe(e), Optional.empty());
    } catch (HttpTimeoutException e) {
      return new DeliveryOutcome.Ambiguous("no answer within " + settings.requestTimeout());
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException) {
        return new DeliveryOutcome.NotDelivered("unknown host", Optional.empty());
      }
      return new DeliveryOutcome.Ambiguous("connection failed during the request: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DeliveryOutcome.Ambiguous("interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new DeliveryOutcome.Delivered(status);
    }
    return new DeliveryOutcome.NotDelivered("HTTP " + status, retryAfter(response));
  }

  private Optional<String> token() throws IOException {
    if (settings.tokenFile().isEmpty()) {
      return Optional.empty();
    }
    String token = Files.readString(settings.tokenFile().get(), StandardCharsets.UTF_8).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        long seconds = Long.parseLong(v.trim());
        return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds, 3600)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
  }
}
