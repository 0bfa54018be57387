package io.exomarket.operator.metering.sink;

import io.exomarket.operator.metering.client.Exo2Verifier;
import io.exomarket.operator.metering.client.MeteringCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/** Accepts an EXO2-HMAC-SHA256 signature, or Basic credentials, for the configured key. */
final class SinkAuthenticator {
  private final Exo2Verifier verifier;
  private final byte[] basic;

  SinkAuthenticator(MeteringCredentials credentials, Clock clock) {
    this.verifier = new Exo2Verifier(credentials, clock);
    this.basic = (credentials.key() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8);
  }

  /** Null when the request is authentic, else why not (safe to return to the caller). */
  String refusal(RawHttpRequest request) {
    String header = request.header("authorization");
    if (header != null && header.startsWith("Basic ")) {
      byte[] given;
      try {
        given = Base64.getDecoder().decode(header.substring(6).strip());
      } catch (IllegalArgumentException e) {
        return "malformed Basic credentials";
      }
      return MessageDigest.isEqual(given, basic) ? null : "wrong Basic credentials";
    }
    Exo2Verifier.Result result =
        verifier.verify(header, request.method(), request.path(), request.bodyText());
    return result.isValid() ? null : "signature " + result.name().toLowerCase();
  }
}
