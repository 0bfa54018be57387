package io.exomarket.operator.metering.client;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The API key and secret for the metering API. {@link #toString()} never shows the secret. */
public record MeteringCredentials(String key, String secret) {
  /** The entry of the Kubernetes Secret holding the API key. */
  public static final String KEY_ENTRY = "key";

  /** The entry of the Kubernetes Secret holding the API secret. */
  public static final String SECRET_ENTRY = "secret";

  public MeteringCredentials {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("metering API key must not be blank");
    }
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("metering API secret must not be empty");
    }
  }

  /**
   * Reads the {@value #KEY_ENTRY} and {@value #SECRET_ENTRY} entries of a Secret ({@code data},
   * else {@code stringData}). Surrounding whitespace is stripped: a file-created Secret often ends
   * in a newline, which would otherwise break every signature.
   */
  public static MeteringCredentials fromSecret(Secret secret) {
    return new MeteringCredentials(entry(secret, KEY_ENTRY), entry(secret, SECRET_ENTRY));
  }

  private static String entry(Secret secret, String name) {
    String where =
        secret.getMetadata() == null
            ? "the metering Secret"
            : "Secret "
                + secret.getMetadata().getNamespace()
                + "/"
                + secret.getMetadata().getName();
    String value = lookup(secret.getData(), name, where, true);
    if (value == null) {
      value = lookup(secret.getStringData(), name, where, false);
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(where + " has no non-empty '" + name + "' entry");
    }
    return value.strip();
  }

  private static String lookup(
      Map<String, String> entries, String name, String where, boolean b64) {
    if (entries == null || entries.get(name) == null) {
      return null;
    }
    if (!b64) {
      return entries.get(name);
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(entries.get(name).strip());
      return new String(decoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // Deliberately without the cause: its message could quote the value.
      throw new IllegalArgumentException(where + ": entry '" + name + "' is not valid base64");
    }
  }

  @Override
  public String toString() {
    return "MeteringCredentials[key=" + key + ", secret=<redacted>]";
  }
}
