package io.exomarket.operator.metering.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Computes Exoscale's {@code Authorization: EXO2-HMAC-SHA256 credential=..,expires=..,signature=..}
 * header. The returned value contains the signature: callers must not log it.
 */
public final class Exo2Signer {
  public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(10);

  private final MeteringCredentials credentials;
  private final Clock clock;
  private final Duration validity;

  public Exo2Signer(MeteringCredentials credentials, Clock clock, Duration validity) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.validity = Objects.requireNonNull(validity, "validity");
  }

  public Exo2Signer(MeteringCredentials credentials, Clock clock) {
    this(credentials, clock, DEFAULT_VALIDITY);
  }

  /**
   * The header value for a request without query arguments.
   *
   * @param path the raw (percent-encoded) URL path, e.g. {@code /v1.alpha/metering:apply}
   * @param body the exact body that is sent, {@code ""} for none
   */
  public String authorization(String method, String path, String body) {
    long expires = clock.instant().plus(validity).getEpochSecond();
    return authorization(method, path, body, expires);
  }

  /** The header value for an explicit expiry (unix seconds). */
  public String authorization(String method, String path, String body, long expires) {
    byte[] mac =
        Exo2Message.hmac(credentials.secret(), Exo2Message.of(method, path, body, expires));
    return Exo2Message.SCHEME
        + " credential="
        + credentials.key()
        + ",expires="
        + expires
        + ",signature="
        + Base64.getEncoder().encodeToString(mac);
  }
}
