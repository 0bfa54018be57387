package io.exomarket.broker.osb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** The JSON mapper of the OSB surface: strict when reading, plain when writing. */
public final class Json {
  /** Duplicate keys and trailing garbage are malformed JSON: neither has one clear meaning. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /** Parses a request body; an empty body is an empty object (DELETE-like clients send none). */
  public static JsonNode readBody(byte[] body) {
    if (isBlank(body)) return MAPPER.createObjectNode();
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw OsbError.badRequest("the request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw OsbError.badRequest("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw OsbError.badRequest("unreadable request body");
    }
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
    }
    return true;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a response", e);
    }
  }

  public static String writeString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize", e);
    }
  }
}
