package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates {@code parameters} against a plan's JSON schema. The schema's {@code $schema} picks
 * the dialect (draft-04 when absent, the OSB minimum). Compiled schemas are cached by content, so
 * an offering that changes at runtime is picked up without a restart.
 */
public final class ParameterSchemaValidator {
  private static final int CACHE_LIMIT = 256;
  private static final int MAX_MESSAGES = 5;

  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
  private final Map<JsonNode, Schema> compiled = new ConcurrentHashMap<>();

  /** 400 listing what is wrong; nothing to do when the plan has no schema. */
  public void validate(JsonNode schema, JsonNode parameters, String what) {
    if (schema == null || schema.isNull() || (schema.isObject() && schema.isEmpty())) return;
    JsonNode instance = parameters == null ? Json.MAPPER.createObjectNode() : parameters;
    List<Error> errors = schemaFor(schema).validate(instance);
    if (!errors.isEmpty()) {
      String messages =
          errors.stream().limit(MAX_MESSAGES).map(Error::getMessage).collect(Collectors.joining("; "));
      throw OsbException.badRequest(what + " do not match the plan's schema: " + messages);
    }
  }

  private Schema schemaFor(JsonNode schema) {
    Schema cached = compiled.get(schema);
    if (cached != null) return cached;
    if (compiled.size() >= CACHE_LIMIT) compiled.clear();
    Schema created = registry.getSchema(schema);
    compiled.put(schema.deepCopy(), created);
    return created;
  }
}
