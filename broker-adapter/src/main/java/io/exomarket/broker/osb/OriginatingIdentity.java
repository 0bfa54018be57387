package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code X-Broker-API-Originating-Identity: <platform> <base64 JSON>}: who at the platform asked.
 * Optional; when sent it must be well-formed (400 otherwise) since it goes into the audit trail.
 */
public record OriginatingIdentity(String platform, ObjectNode value) {
  public static final String HEADER = "X-Broker-API-Originating-Identity";
  private static final Pattern PLATFORM = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

  /** Keys whose values are never written to the audit annotation. */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(pass|secret|token|credential|authorization|private).*");

  /** Null when the header is absent. */
  public static OriginatingIdentity parse(String header) {
    if (header == null || header.isBlank()) return null;
    String[] parts = header.trim().split(" ", 2);
    if (parts.length != 2 || !PLATFORM.matcher(parts[0]).matches()) {
      throw OsbError.badRequest(HEADER + " must be '<platform> <base64-encoded JSON>'");
    }
    JsonNode value;
    try {
      byte[] json = Base64.getMimeDecoder().decode(parts[1].trim());
      value = Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw OsbError.badRequest(HEADER + " does not carry base64-encoded JSON");
    }
    if (value == null || !value.isObject()) {
      throw OsbError.badRequest(HEADER + " must encode a JSON object");
    }
    return new OriginatingIdentity(parts[0].toLowerCase(Locale.ROOT), (ObjectNode) value);
  }

  /** The audit record: the platform and the decoded JSON, without anything that looks secret. */
  public String toAnnotation() {
    ObjectNode record = Json.MAPPER.createObjectNode();
    record.put("platform", platform);
    record.set("value", withoutSecrets(value.deepCopy()));
    return Json.writeString(record);
  }

  private static JsonNode withoutSecrets(JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (SECRET_KEY.matcher(field.getKey()).matches()) fields.remove();
        else withoutSecrets(field.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(OriginatingIdentity::withoutSecrets);
    }
    return node;
  }
}
