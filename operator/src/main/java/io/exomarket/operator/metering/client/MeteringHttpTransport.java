package io.exomarket.operator.metering.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one authenticated JSON POST and classifies what happened. HTTP/1.1 only: the failure
 * classification is reasoned and tested for HTTP/1.1, and metering is too infrequent to gain from
 * HTTP/2. Never logs the Authorization header.
 */
final class MeteringHttpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(MeteringHttpTransport.class);
  static final String RETRY_ALL_METHODS_PROPERTY = "jdk.httpclient.enableAllMethodRetry";

  private final MeteringClientConfig config;
  private final HttpClient http;
  private final Exo2Signer signer;
  private final OutcomeClassifier classifier;

  MeteringHttpTransport(MeteringClientConfig config, Clock clock) {
    this.config = config;
    this.http = newHttpClient(config.connectTimeout());
    this.signer = new Exo2Signer(config.credentials(), clock, config.signatureValidity());
    this.classifier = new OutcomeClassifier(clock);
  }

  /** Refuses to run where the JDK would silently re-send a POST whose outcome it does not know. */
  static HttpClient newHttpClient(Duration connectTimeout) {
    String retryAll = System.getProperty(RETRY_ALL_METHODS_PROPERTY);
    if (retryAll != null && (retryAll.isEmpty() || Boolean.parseBoolean(retryAll))) {
      throw new IllegalStateException(RETRY_ALL_METHODS_PROPERTY
          + " is set: the JDK HttpClient would re-send metering POSTs and could bill twice");
    }
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The client is bound to one product: the legacy shape cannot even say which one it bills. */
  void requireConfiguredProduct(UsageReport report) {
    if (!config.productName().equals(report.product())) {
      throw new IllegalArgumentException("report " + report.attemptId() + " is for product "
          + report.product() + " but this client reports " + config.productName());
    }
  }

  ReportOutcome post(URI uri, String body, UsageReport report) {
    long started = System.nanoTime();
    ReportOutcome outcome = exchange(uri, body);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (outcome instanceof ReportOutcome.Accepted) {
      LOG.info("Metering report {} for organization {} accepted by {} in {} ms",
          report.attemptId(), report.organization(), uri, millis);
    } else {
      LOG.warn("Metering report {} for organization {} to {}: {} after {} ms",
          report.attemptId(), report.organization(), uri, outcome, millis);
    }
    return outcome;
  }

  private ReportOutcome exchange(URI uri, String body) {
    if (Thread.currentThread().isInterrupted()) {
      return new ReportOutcome.NotDelivered("interrupted before sending", Optional.empty());
    }
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(config.requestTimeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Authorization", authorization(uri.getRawPath(), body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    StatusCapture capture = new StatusCapture();
    CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, capture);
    try {
      // The JDK's timeout stops at the response headers; this bounds reading the body too.
      HttpResponse<String> response =
          future.get(config.requestTimeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
      return classifier.fromStatus(response.statusCode(), response.headers(), response.body());
    } catch (ExecutionException e) {
      return afterFailure(capture, unwrap(e.getCause()));
    } catch (TimeoutException e) {
      future.cancel(true);
      return afterFailure(capture, new HttpTimeoutException("response body timed out"));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return capture.info == null
          ? new ReportOutcome.Ambiguous("interrupted while the request was in flight")
          : afterFailure(capture, e);
    }
  }

  /** A status line already received decides, even if the body then failed. */
  private ReportOutcome afterFailure(StatusCapture capture, Throwable failure) {
    ResponseInfo info = capture.info;
    if (info == null) {
      return classifier.fromFailure(failure);
    }
    return classifier.fromStatus(info.statusCode(), info.headers(),
        "<body unreadable: " + OutcomeClassifier.describe(failure) + ">");
  }

  private String authorization(String path, String body) {
    MeteringCredentials c = config.credentials();
    return switch (config.authScheme()) {
      case EXO2_HMAC_SHA256 -> signer.authorization("POST", path, body);
      case BASIC -> "Basic " + Base64.getEncoder()
          .encodeToString((c.key() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
    };
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Remembers the status line and headers as soon as they arrive. */
  private static final class StatusCapture implements BodyHandler<String> {
    volatile ResponseInfo info;

    @Override
    public BodySubscriber<String> apply(ResponseInfo responseInfo) {
      info = responseInfo;
      return BodySubscribers.ofString(StandardCharsets.UTF_8);
    }
  }
}
