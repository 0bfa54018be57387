package io.exomarket.graph.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts values between the shapes the engine meets: Java and Kubernetes model objects, plain
 * JSON-like values (what templates render to) and CEL's runtime values.
 */
public final class CelValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CelValues() {}

  /**
   * Plain JSON-like form: Long, Double, Boolean, String, null, and LinkedHashMaps and ArrayLists of
   * those. Model objects and Jackson trees go through Jackson first.
   */
  public static Object toPlain(Object value) {
    return normalise(value, null);
  }

  /**
   * What CEL evaluates on: the plain form with null as CEL's null (a Java null reads as unknown).
   */
  public static Object toCel(Object value) {
    return normalise(value, NullValue.NULL_VALUE);
  }

  /** A CEL result in plain JSON-like form (bytes as base64, an optional as its value or null). */
  public static Object fromCel(Object value) {
    if (value == null || value instanceof NullValue) return null;
    if (value instanceof Optional<?> optional) return fromCel(optional.orElse(null));
    if (value instanceof UnsignedLong unsigned) {
      return unsigned.compareTo(UnsignedLong.valueOf(Long.MAX_VALUE)) <= 0
          ? unsigned.longValue()
          : unsigned.bigIntegerValue();
    }
    if (value instanceof CelByteString bytes) {
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
    if (value instanceof Duration duration) return durationText(duration);
    if (value instanceof Instant instant) return instant.toString();
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(fromCel(k)), fromCel(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(fromCel(v)));
      return out;
    }
    return toPlain(value);
  }

  private static Object normalise(Object value, Object nullValue) {
    if (value == null || value instanceof NullValue) return nullValue;
    if (value instanceof String || value instanceof Boolean || value instanceof Long) return value;
    if (value instanceof Double) return value;
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) return Double.valueOf(f.toString());
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof BigDecimal decimal) return decimal.doubleValue();
    if (value instanceof Character || value instanceof Enum<?>)
      return JSON.convertValue(value, String.class);
    // A Jackson tree is Iterable (over its values): read it as JSON first.
    if (value instanceof JsonNode node)
      return normalise(JSON.convertValue(node, Object.class), nullValue);
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v, nullValue)));
      return out;
    }
    if (value instanceof Iterable<?> items) {
      List<Object> out = new ArrayList<>();
      items.forEach(v -> out.add(normalise(v, nullValue)));
      return out;
    }
    if (value.getClass().isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++)
        out.add(normalise(Array.get(value, i), nullValue));
      return out;
    }
    // JsonNode, Quantity, GenericKubernetesResource, API types: their JSON form.
    return normalise(JSON.convertValue(value, Object.class), nullValue);
  }

  /** CEL's duration notation: seconds with a fraction, e.g. "90s", "1.5s". */
  private static String durationText(Duration duration) {
    BigDecimal seconds =
        BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    return seconds.stripTrailingZeros().toPlainString() + "s";
  }
}
