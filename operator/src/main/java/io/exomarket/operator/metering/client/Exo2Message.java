package io.exomarket.operator.metering.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The EXO2-HMAC-SHA256 string to sign and its MAC, shared by the signer and the verifier. */
final class Exo2Message {
  static final String SCHEME = "EXO2-HMAC-SHA256";

  private Exo2Message() {}

  /**
   * {@code METHOD path}, body, signed query values (none: we sign no query arguments), signed
   * headers (none), expiry, joined by newlines — the layout of Exoscale's own SDKs.
   */
  static String of(String method, String path, String body, long expires) {
    return method + " " + path + "\n" + body + "\n" + "\n" + "\n" + expires;
  }

  static byte[] hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
