package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Typed reads of request fields: a wrong type or a missing required field is a 400 naming it. */
final class Fields {
  private Fields() {}

  static String requiredString(JsonNode parent, String field, String path) {
    String value = optionalString(parent, field, path);
    if (value == null || value.isBlank()) {
      throw OsbError.badRequest(path + " is required and must be a non-empty string");
    }
    return value;
  }

  /** Absent and JSON null both read as null; anything but a string is a 400. */
  static String optionalString(JsonNode parent, String field, String path) {
    if (parent == null) return null;
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) return null;
    if (!node.isTextual()) throw OsbError.badRequest(path + " must be a string");
    return node.textValue();
  }

  static ObjectNode optionalObject(JsonNode parent, String field, String path) {
    if (parent == null) return null;
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) return null;
    if (!node.isObject()) throw OsbError.badRequest(path + " must be a JSON object");
    return (ObjectNode) node;
  }
}
