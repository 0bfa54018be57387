package io.exomarket.operator.outbound;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request and says what became of it, never re-sending by itself: the caller's record of
 * the attempt decides whether another is safe. HTTP/1.1 only: the failure classification is
 * reasoned and tested for HTTP/1.1, and these calls are too infrequent to gain from HTTP/2.
 */
public final class OutboundHttp {
  public static final String RETRY_ALL_METHODS_PROPERTY = "jdk.httpclient.enableAllMethodRetry";

  /**
   * How long the JDK keeps an idle connection for reuse; read once, when the JDK's connection pool
   * class loads, so the process sets it at start ({@link #shortenKeepAlive}).
   */
  public static final String KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";

  /**
   * Seconds, against the JDK's 20 minutes: below the idle timeouts servers and load balancers
   * commonly close connections at (5 s and up; Jetty's and the JDK server's 30 s). A request sent
   * on a connection the server is closing at that moment fails after it was written, so the JDK
   * cannot say whether a POST was received: a usage report of unknown outcome holds the instance's
   * deletion until someone resolves it. Metering reports of one window go out together and still
   * share connections.
   */
  static final String KEEP_ALIVE_SECONDS = "4";

  private final HttpClient http;
  private final Duration requestTimeout;
  private final OutcomeClassifier classifier;

  public OutboundHttp(
      Duration connectTimeout, Duration requestTimeout, OutcomeClassifier classifier) {
    this.http = newHttpClient(connectTimeout);
    this.requestTimeout = requestTimeout;
    this.classifier = classifier;
  }

  /** Sets {@link #KEEP_ALIVE_PROPERTY} unless the process was started with a value of its own. */
  public static void shortenKeepAlive(java.util.Properties system) {
    system.putIfAbsent(KEEP_ALIVE_PROPERTY, KEEP_ALIVE_SECONDS);
  }

  /** Refuses to run where the JDK would silently re-send a POST whose outcome it does not know. */
  static HttpClient newHttpClient(Duration connectTimeout) {
    String retryAll = System.getProperty(RETRY_ALL_METHODS_PROPERTY);
    if (retryAll != null && (retryAll.isEmpty() || Boolean.parseBoolean(retryAll))) {
      throw new IllegalStateException(
          RETRY_ALL_METHODS_PROPERTY
              + " is set: the JDK HttpClient would re-send POSTs whose outcome is unknown");
    }
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A request builder with the request timeout set. */
  public HttpRequest.Builder request(java.net.URI uri) {
    return HttpRequest.newBuilder(uri).timeout(requestTimeout);
  }

  /** Sends once; blocks for at most about twice the request timeout. */
  public CallOutcome send(HttpRequest request) {
    if (Thread.currentThread().isInterrupted()) {
      return new CallOutcome.NotDelivered("interrupted before sending", Optional.empty());
    }
    StatusCapture capture = new StatusCapture();
    CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, capture);
    try {
      // The JDK's timeout stops at the response headers; this bounds reading the body too.
      HttpResponse<String> response =
          future.get(requestTimeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
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
          ? new CallOutcome.Ambiguous("interrupted while the request was in flight")
          : afterFailure(capture, e);
    }
  }

  /** A status line already received decides, even if the body then failed. */
  private CallOutcome afterFailure(StatusCapture capture, Throwable failure) {
    ResponseInfo info = capture.info;
    if (info == null) {
      return classifier.fromFailure(failure);
    }
    return classifier.fromStatus(
        info.statusCode(),
        info.headers(),
        "<body unreadable: " + OutcomeClassifier.describe(failure) + ">");
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
