package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed reads of request fields: a wrong type or a missing required field is a 400 naming it. A
 * field that is present must have its type; JSON null is not a string or an object, so a present
 * null is refused too (only an absent field is absent). Inside the free-form parameters other rules
 * apply (there null removes a key).
 */
final class Fields {
  private Fields() {}

  static String requiredString(JsonNode parent, String field, String path) {
    String value = optionalString(parent, field, path);
    if (value == null || value.isBlank()) {
      throw OsbError.badRequest(path + " is required and must be a non-empty string");
    }
    return value;
  }

  /** Absent reads as null; anything present but a string (null included) is a 400. */
  static String optionalString(JsonNode parent, String field, String path) {
    if (parent == null) return null;
    JsonNode node = parent.get(field);
    if (node == null) return null;
    if (!node.isTextual()) throw OsbError.badRequest(path + " must be a string, got " + type(node));
    return node.textValue();
  }

  /** As {@link #optionalString}, but JSON null reads as absent (free-form user records). */
  static String nullableString(JsonNode parent, String field, String path) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node == null || node.isNull() ? null : optionalString(parent, field, path);
  }

  /** Absent reads as null; anything present but an object (null included) is a 400. */
  static ObjectNode optionalObject(JsonNode parent, String field, String path) {
    if (parent == null) return null;
    JsonNode node = parent.get(field);
    if (node == null) return null;
    if (!node.isObject()) {
      throw OsbError.badRequest(path + " must be a JSON object, got " + type(node));
    }
    return (ObjectNode) node;
  }

  private static String type(JsonNode node) {
    return switch (node.getNodeType()) {
      case NULL -> "null";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> "a string";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
