package io.exomarket.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates OSB instance parameters against a plan's JSON schema. Shared by the broker adapter
 * (which rejects bad input with 400) and the operator (which stalls an instance applied with bad
 * parameters through GitOps). Compiled schemas are cached by their content.
 */
public final class ParameterValidator {
  private static final int MAX_CACHED_SCHEMAS = 256;
  private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

  /**
   * Returns the violations, empty when the parameters are valid or there is no schema. Absent
   * parameters are validated as an empty object, as OSB platforms send none when the user gave
   * none.
   */
  public List<String> validate(JsonNode schema, JsonNode parameters) {
    if (schema == null || schema.isNull() || schema.isEmpty()) {
      return List.of();
    }
    JsonNode subject =
        parameters == null || parameters.isNull()
            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            : parameters;
    Set<ValidationMessage> messages = schemaFor(schema).validate(subject);
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  /** Throws {@link InvalidSchemaException} when the schema itself cannot be compiled. */
  public void checkSchema(JsonNode schema) {
    if (schema != null && !schema.isNull() && !schema.isEmpty()) {
      schemaFor(schema);
    }
  }

  private JsonSchema schemaFor(JsonNode schema) {
    JsonSchema cached = compiled.get(schema);
    if (cached != null) {
      return cached;
    }
    if (compiled.size() >= MAX_CACHED_SCHEMAS) {
      compiled.clear();
    }
    try {
      SpecVersion.VersionFlag version =
          schema.has("$schema") ? SpecVersionDetector.detect(schema) : SpecVersion.VersionFlag.V4;
      JsonSchema compiledSchema = JsonSchemaFactory.getInstance(version).getSchema(schema);
      compiled.put(schema, compiledSchema);
      return compiledSchema;
    } catch (RuntimeException e) {
      throw new InvalidSchemaException(
          "the plan's parameter schema is invalid: " + e.getMessage(), e);
    }
  }

  /** The plan's schema is broken: an offering problem, not a request problem. */
  public static final class InvalidSchemaException extends RuntimeException {
    public InvalidSchemaException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
