package io.exomarket.operator.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Delivery notes: a JSON POST to the vendor's webhook once an instance is billable. Off without a
 * URL.
 *
 * @param webhook the receiver's URL; null = off
 * @param tokenFile a file holding a bearer token, read at each send (rotation works); never logged
 * @param requestTimeout how long a POST may take before its outcome counts as uncertain
 * @param maxBackoff the longest wait between two attempts
 */
public record DeliverySettings(
    URI webhook, Optional<Path> tokenFile, Duration requestTimeout, Duration maxBackoff) {

  public static DeliverySettings disabled() {
    return new DeliverySettings(
        null, Optional.empty(), Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  public static DeliverySettings to(URI webhook) {
    return new DeliverySettings(
        webhook, Optional.empty(), Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  public boolean enabled() {
    return webhook != null;
  }

  public DeliverySettings withTokenFile(Path file) {
    return new DeliverySettings(webhook, Optional.of(file), requestTimeout, maxBackoff);
  }

  public DeliverySettings withRequestTimeout(Duration timeout) {
    return new DeliverySettings(webhook, tokenFile, timeout, maxBackoff);
  }

  static DeliverySettings fromEnvironment(Map<String, String> env) {
    DeliverySettings d = disabled();
    String url = env.getOrDefault("DELIVERY_WEBHOOK_URL", "").trim();
    String token = env.getOrDefault("DELIVERY_WEBHOOK_TOKEN_FILE", "").trim();
    String timeout = env.getOrDefault("DELIVERY_WEBHOOK_TIMEOUT_SECONDS", "").trim();
    return new DeliverySettings(
        url.isEmpty() ? null : URI.create(url),
        token.isEmpty() ? Optional.empty() : Optional.of(Path.of(token)),
        timeout.isEmpty() ? d.requestTimeout : Duration.ofSeconds(Long.parseLong(timeout)),
        d.maxBackoff);
  }

  /** The webhook without user info or query (which may carry secrets), for logs. */
  public String redactedWebhook() {
    if (webhook == null) {
      return "off";
    }
    return webhook.getScheme()
        + "://"
        + webhook.getHost()
        + (webhook.getPort() < 0 ? "" : ":" + webhook.getPort())
        + (webhook.getRawPath() == null ? "" : webhook.getRawPath());
  }

  @Override
  public String toString() {
    return "DeliverySettings[webhook="
        + redactedWebhook()
        + ", tokenFile="
        + tokenFile.map(p -> "<set>").orElse("none")
        + "]";
  }
}
