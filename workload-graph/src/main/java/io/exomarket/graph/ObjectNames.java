package io.exomarket.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Default object names: {@code <instance>-<id>} as a DNS-1123 label, stable across renders. */
public final class ObjectNames {
  static final int MAX_LENGTH = 63;
  private static final int HASH_LENGTH = 8;

  private ObjectNames() {}

  /**
   * Lower case, characters outside [a-z0-9-] as '-', at most 63 characters; a longer name is cut
   * and ends with '-' and 8 hex digits of its SHA-256, so two long names stay apart.
   */
  public static String defaultName(String instanceName, String id) {
    String full = sanitize(instanceName + "-" + id);
    if (full.length() <= MAX_LENGTH) return full;
    String prefix = trimDashes(full.substring(0, MAX_LENGTH - HASH_LENGTH - 1));
    return prefix + "-" + sha256(instanceName + "/" + id).substring(0, HASH_LENGTH);
  }

  private static String sanitize(String name) {
    return trimDashes(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
  }

  private static String trimDashes(String name) {
    return name.replaceAll("^-+", "").replaceAll("-+$", "");
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
