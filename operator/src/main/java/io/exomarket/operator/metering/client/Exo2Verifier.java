package io.exomarket.operator.metering.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Checks an EXO2-HMAC-SHA256 {@code Authorization} header the way Exoscale does: same key,
 * signature recomputed over the received request, not expired. Used by the metering sink.
 */
public final class Exo2Verifier {

  /** Why a header was accepted or refused. */
  public enum Result {
    VALID,
    MISSING,
    MALFORMED,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    EXPIRED;

    public boolean isValid() {
      return this == VALID;
    }
  }

  private final MeteringCredentials credentials;
  private final Clock clock;

  public Exo2Verifier(MeteringCredentials credentials, Clock clock) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param path the raw URL path as received, without the query string
   * @param body the body exactly as received
   */
  public Result verify(String authorization, String method, String path, String body) {
    if (authorization == null || authorization.isBlank()) {
      return Result.MISSING;
    }
    String prefix = Exo2Message.SCHEME + " ";
    if (!authorization.startsWith(prefix)) {
      return Result.MALFORMED;
    }
    Map<String, String> fields = parse(authorization.substring(prefix.length()));
    if (fields == null) {
      return Result.MALFORMED;
    }
    String key = fields.get("credential");
    String expiresText = fields.get("expires");
    String signature = fields.get("signature");
    if (key == null || expiresText == null || signature == null) {
      return Result.MALFORMED;
    }
    if (fields.containsKey("signed-query-args")) {
      return Result.MALFORMED; // we never sign query arguments, so neither does a client of ours
    }
    long expires;
    byte[] given;
    try {
      expires = Long.parseLong(expiresText);
      given = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return Result.MALFORMED;
    }
    if (!MessageDigest.isEqual(utf8(key), utf8(credentials.key()))) {
      return Result.UNKNOWN_KEY;
    }
    byte[] expected =
        Exo2Message.hmac(credentials.secret(), Exo2Message.of(method, path, body, expires));
    if (!MessageDigest.isEqual(given, expected)) {
      return Result.BAD_SIGNATURE;
    }
    return clock.instant().getEpochSecond() > expires ? Result.EXPIRED : Result.VALID;
  }

  /** The comma-separated {@code name=value} fields, or null when one repeats. */
  private static Map<String, String> parse(String fields) {
    Map<String, String> map = new HashMap<>();
    for (String part : fields.split(",")) {
      int eq = part.indexOf('='); // the first '=': base64 padding follows later
      if (eq > 0
          && map.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip()) != null) {
        return null;
      }
    }
    return map;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
