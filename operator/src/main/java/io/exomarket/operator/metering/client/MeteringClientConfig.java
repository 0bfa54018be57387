package io.exomarket.operator.metering.client;

import io.exomarket.operator.outbound.CallOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a {@link MeteringClient} needs. The credentials come from a Kubernetes Secret (see
 * {@link MeteringCredentials#fromSecret}); {@link #toString()} redacts the secret.
 *
 * <p>The connect timeout must be shorter than the request timeout: the JDK's request timeout also
 * runs while connecting, and when it fires first a request that never left would be reported as
 * {@link CallOutcome.Ambiguous} instead of {@link CallOutcome.NotDelivered}.
 */
public record MeteringClientConfig(
    URI endpoint,
    ApiVariant variant,
    String productName,
    MeteringCredentials credentials,
    AuthScheme authScheme,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration signatureValidity) {

  public static final URI PARTNER_API_ENDPOINT = URI.create("https://partner-api.exoscale.com");
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SIGNATURE_VALIDITY = Duration.ofMinutes(10);

  public MeteringClientConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "metering endpoint must be an absolute http(s) URL: " + endpoint);
    }
    if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "metering endpoint must not have a query or fragment: " + endpoint);
    }
    Objects.requireNonNull(variant, "variant");
    if (productName == null || productName.isBlank()) {
      throw new IllegalArgumentException("productName must not be blank");
    }
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(authScheme, "authScheme");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(signatureValidity, "signatureValidity");
    if (connectTimeout.compareTo(requestTimeout) >= 0) {
      throw new IllegalArgumentException("connectTimeout must be shorter than requestTimeout");
    }
  }

  /** A configuration with EXO2 signatures and the default timeouts and signature validity. */
  public static MeteringClientConfig of(
      URI endpoint, ApiVariant variant, String productName, MeteringCredentials credentials) {
    return new MeteringClientConfig(
        endpoint,
        variant,
        productName,
        credentials,
        AuthScheme.EXO2_HMAC_SHA256,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_SIGNATURE_VALIDITY);
  }

  public MeteringClientConfig withTimeouts(Duration connect, Duration request) {
    return new MeteringClientConfig(
        endpoint,
        variant,
        productName,
        credentials,
        authScheme,
        connect,
        request,
        signatureValidity);
  }

  public MeteringClientConfig withAuthScheme(AuthScheme scheme) {
    return new MeteringClientConfig(
        endpoint,
        variant,
        productName,
        credentials,
        scheme,
        connectTimeout,
        requestTimeout,
        signatureValidity);
  }

  public MeteringClientConfig withSignatureValidity(Duration validity) {
    return new MeteringClientConfig(
        endpoint,
        variant,
        productName,
        credentials,
        authScheme,
        connectTimeout,
        requestTimeout,
        validity);
  }

  /** The endpoint followed by {@code path}, keeping any path prefix of the endpoint. */
  URI resolve(String path) {
    String base = endpoint.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
