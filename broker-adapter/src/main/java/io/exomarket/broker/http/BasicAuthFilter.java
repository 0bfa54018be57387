package io.exomarket.broker.http;

import io.exomarket.broker.config.Credentials;
import io.exomarket.broker.osb.OsbError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * HTTP Basic auth, the first check on every OSB request. User and password are both compared, in
 * constant time, as SHA-256 digests (equal lengths, so {@link MessageDigest#isEqual} leaks neither
 * content nor length); nothing of the presented credentials is ever logged.
 */
final class BasicAuthFilter implements Handler {
  private final byte[] username;
  private final byte[] password;

  BasicAuthFilter(Credentials credentials) {
    this.username = digest(credentials.username());
    this.password = digest(credentials.password());
  }

  @Override
  public void handle(Context ctx) {
    if (!authorized(ctx.header("Authorization"))) {
      ctx.header("WWW-Authenticate", "Basic realm=\"exomarket-broker\", charset=\"UTF-8\"");
      throw OsbError.unauthorized();
    }
  }

  private boolean authorized(String header) {
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6))
      return false;
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) return false;
    boolean userOk = MessageDigest.isEqual(username, digest(decoded.substring(0, colon)));
    boolean passwordOk = MessageDigest.isEqual(password, digest(decoded.substring(colon + 1)));
    return userOk & passwordOk;
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
