package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.ApiGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The Kubernetes name of an instance, derived from the OSB instance id alone (DELETE and PATCH
 * carry no organization): {@code i-<up to 8 sanitized id chars>-<26 base32 chars of SHA-256>}. At
 * most 37 characters, a valid DNS-1123 label (and DNS-1035: starts with a letter) whatever the id,
 * so derived workload names stay short too. The 130-bit hash makes collisions impossible in
 * practice; the readable prefix is for humans only. The same hash labels the MSI, so an instance
 * can be found by a server-side label selector across all namespaces.
 */
public final class InstanceNames {
  /** Label on every MSI the broker creates: the hash of its instance id. */
  public static final String INSTANCE_ID_HASH_LABEL = ApiGroup.NAME + "/instance-id-hash";

  private static final int HASH_CHARS = 26;
  private static final int PREFIX_CHARS = 8;
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private InstanceNames() {}

  public static String nameFor(String instanceId) {
    String prefix = sanitizedPrefix(instanceId);
    return prefix.isEmpty() ? "i-" + hashOf(instanceId) : "i-" + prefix + "-" + hashOf(instanceId);
  }

  /** Lowercase base32 (RFC 4648 alphabet, no padding) of the first 130 bits of SHA-256(id). */
  public static String hashOf(String instanceId) {
    byte[] digest = sha256(instanceId.getBytes(StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder(HASH_CHARS);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; out.length() < HASH_CHARS; i++) {
      buffer = (buffer << 8) | (digest[i] & 0xff);
      bits += 8;
      while (bits >= 5 && out.length() < HASH_CHARS) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    return out.toString();
  }

  private static String sanitizedPrefix(String instanceId) {
    StringBuilder sb = new StringBuilder(PREFIX_CHARS);
    for (int i = 0; i < instanceId.length() && sb.length() < PREFIX_CHARS; i++) {
      char c = Character.toLowerCase(instanceId.charAt(i));
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum) sb.append(c);
      else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') sb.append('-');
    }
    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') sb.setLength(sb.length() - 1);
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
