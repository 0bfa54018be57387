package io.exomarket.testkit.metering;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an {@code Authorization: EXO2-HMAC-SHA256 credential=..,expires=..,signature=..} header
 * the way Exoscale does: same key, signature recomputed over the received request, not expired. The
 * message layout is written here from Exoscale's documentation, independently of the operator's
 * signer, so that a mistake in the signer is not mirrored by the sink that tests it.
 */
public final class Exo2Verifier {
  static final String SCHEME = "EXO2-HMAC-SHA256";

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

  private final String key;
  private final String secret;
  private final Clock clock;

  public Exo2Verifier(String key, String secret, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    this.secret = Objects.requireNonNull(secret, "secret");
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
    String prefix = SCHEME + " ";
    if (!authorization.startsWith(prefix)) {
      return Result.MALFORMED;
    }
    Map<String, String> fields = parse(authorization.substring(prefix.length()));
    if (fields == null) {
      return Result.MALFORMED;
    }
    String credential = fields.get("credential");
    String expiresText = fields.get("expires");
    String signature = fields.get("signature");
    if (credential == null || expiresText == null || signature == null) {
      return Result.MALFORMED;
    }
    if (fields.containsKey("signed-query-args")) {
      return Result.MALFORMED; // the operator signs no query arguments
    }
    long expires;
    byte[] given;
    try {
      expires = Long.parseLong(expiresText);
      given = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return Result.MALFORMED;
    }
    if (!MessageDigest.isEqual(utf8(credential), utf8(key))) {
      return Result.UNKNOWN_KEY;
    }
    if (!MessageDigest.isEqual(given, hmac(message(method, path, body, expires)))) {
      return Result.BAD_SIGNATURE;
    }
    return clock.instant().getEpochSecond() > expires ? Result.EXPIRED : Result.VALID;
  }

  /**
   * {@code METHOD path}, body, signed query values (none), signed headers (none), expiry: one line
   * each, as Exoscale's documentation lays it out.
   */
  static String message(String method, String path, String body, long expires) {
    return String.join("\n", method + " " + path, body, "", "", Long.toString(expires));
  }

  private byte[] hmac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(utf8(secret), "HmacSHA256"));
      return mac.doFinal(utf8(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
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
