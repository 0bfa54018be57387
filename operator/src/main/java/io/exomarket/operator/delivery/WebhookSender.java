package io.exomarket.operator.delivery;

import io.exomarket.operator.config.DeliverySettings;
import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.operator.outbound.OutboundHttp;
import io.exomarket.operator.outbound.OutcomeClassifier;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * POSTs a delivery note through the shared {@link OutboundHttp}, one request per call. 502 and 504
 * are simply "not delivered" here: the receiver deduplicates on the idempotency key, so a re-send
 * is safe. The bearer token is read from its file at each call (rotation works) and never logged.
 */
public final class WebhookSender {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final DeliverySettings settings;
  private final OutboundHttp http;

  public WebhookSender(DeliverySettings settings, Clock clock) {
    this.settings = settings;
    this.http =
        new OutboundHttp(
            settings.requestTimeout(),
            settings.requestTimeout(),
            new OutcomeClassifier(clock, false));
  }

  public CallOutcome send(DeliveryNotePayload note, String attemptId) {
    HttpRequest.Builder request =
        http.request(settings.webhook())
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_KEY, note.id())
            .header("X-Attempt-Id", attemptId)
            .POST(HttpRequest.BodyPublishers.ofString(note.toJson(), StandardCharsets.UTF_8));
    Optional<String> token;
    try {
      token = token();
    } catch (IOException e) {
      return new CallOutcome.NotDelivered(
          "cannot read the webhook token file: " + e.getClass().getSimpleName(), Optional.empty());
    }
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return http.send(request.build());
  }

  private Optional<String> token() throws IOException {
    if (settings.tokenFile().isEmpty()) {
      return Optional.empty();
    }
    String token = Files.readString(settings.tokenFile().get(), StandardCharsets.UTF_8).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
