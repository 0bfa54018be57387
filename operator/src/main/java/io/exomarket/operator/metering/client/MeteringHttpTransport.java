package io.exomarket.operator.metering.client;

import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.operator.outbound.OutboundHttp;
import io.exomarket.operator.outbound.OutcomeClassifier;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one authenticated JSON POST to the metering API through the shared {@link OutboundHttp}.
 * 502 and 504 are ambiguous here: Exoscale has no idempotency key. Never logs the Authorization
 * header.
 */
final class MeteringHttpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(MeteringHttpTransport.class);

  private final MeteringClientConfig config;
  private final OutboundHttp http;
  private final Exo2Signer signer;

  MeteringHttpTransport(MeteringClientConfig config, Clock clock) {
    this.config = config;
    this.http =
        new OutboundHttp(
            config.connectTimeout(), config.requestTimeout(), new OutcomeClassifier(clock, true));
    this.signer = new Exo2Signer(config.credentials(), clock, config.signatureValidity());
  }

  /** The client is bound to one product: the legacy shape cannot even say which one it bills. */
  void requireConfiguredProduct(UsageReport report) {
    if (!config.productName().equals(report.product())) {
      throw new IllegalArgumentException(
          "report "
              + report.attemptId()
              + " is for product "
              + report.product()
              + " but this client reports "
              + config.productName());
    }
  }

  CallOutcome post(URI uri, String body, UsageReport report) {
    long started = System.nanoTime();
    HttpRequest request =
        http.request(uri)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Authorization", authorization(uri.getRawPath(), body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    CallOutcome outcome = http.send(request);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (outcome instanceof CallOutcome.Accepted) {
      LOG.info(
          "Metering report {} for organization {} accepted by {} in {} ms",
          report.attemptId(),
          report.organization(),
          uri,
          millis);
    } else {
      LOG.warn(
          "Metering report {} for organization {} to {}: {} after {} ms",
          report.attemptId(),
          report.organization(),
          uri,
          outcome,
          millis);
    }
    return outcome;
  }

  private String authorization(String path, String body) {
    MeteringCredentials c = config.credentials();
    return switch (config.authScheme()) {
      case EXO2_HMAC_SHA256 -> signer.authorization("POST", path, body);
      case BASIC ->
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((c.key() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
    };
  }
}
