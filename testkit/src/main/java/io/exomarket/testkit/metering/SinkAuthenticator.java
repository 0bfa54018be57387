package io.exomarket.testkit.metering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/** Accepts an EXO2-HMAC-SHA256 signature, or Basic credentials, for the configured key. */
final class SinkAuthenticator {
  private final Exo2Verifier verifier;
  private final byte[] basic;

  SinkAuthenticator(String key, String secret, Clock clock) {
    this.verifier = new Exo2Verifier(key, secret, clock);
    this.basic = (key + ":" + secret).getBytes(StandardCharsets.UTF_8);
  }

  /** Null when the request is authentic, else why not (safe to return to the caller). */
  String refusal(String authorization, String method, String path, String body) {
    if (authorization != null && authorization.startsWith("Basic ")) {
      byte[] given;
      try {
        given = Base64.getDecoder().decode(authorization.substring(6).strip());
      } catch (IllegalArgumentException e) {
        return "malformed Basic credentials";
      }
      return MessageDigest.isEqual(given, basic) ? null : "wrong Basic credentials";
    }
    Exo2Verifier.Result result = verifier.verify(authorization, method, path, body);
    return result.isValid() ? null : "signature " + result.name().toLowerCase();
  }
}
