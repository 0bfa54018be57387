package io.exomarket.operator.lifecycle;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stable hash of a spec: same content, same fingerprint, whatever the key order. */
public final class SpecFingerprint {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  private SpecFingerprint() {}

  public static String of(ManagedServiceInstanceSpec spec) {
    try {
      // Parameters are a tree: re-read them through a sorted map so key order does not matter.
      Object canonical = CANONICAL.convertValue(spec, java.util.Map.class);
      byte[] json = CANONICAL.writeValueAsBytes(canonical);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint spec", e);
    }
  }
}
