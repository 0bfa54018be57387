package io.exomarket.testkit.metering;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a metering body the way Exoscale documents it and turns it into usage lines. A request
 * is all or nothing: one bad line refuses the whole request.
 */
final class UsageRequestParser {
  static final String PARTNER_PATH = "/v1.alpha/metering:apply";
  static final String PARTNER_PATH_REGEX = "/v1\\.alpha/metering:apply";
  static final String LEGACY_PATH_REGEX = "/orgs/([^/]+)/usage";
  private static final Pattern LEGACY_PATH = Pattern.compile(LEGACY_PATH_REGEX);
  private static final int MAX_DECIMALS = 5;
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** A line before the sink numbers and timestamps it. */
  record Line(UUID organization, String product, String variable, BigDecimal quantity) {}

  /** The body is not a valid metering request; answered with 400. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private UsageRequestParser() {}

  static boolean isMeteringPath(String path) {
    return PARTNER_PATH.equals(path) || LEGACY_PATH.matcher(path).matches();
  }

  static List<Line> parse(String path, String body) throws Invalid {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new Invalid("body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("body must be a JSON object");
    }
    if (PARTNER_PATH.equals(path)) {
      UUID org = uuid(root.path("organization").asText(null));
      List<Line> lines = new ArrayList<>();
      for (JsonNode u : array(root, "usage")) {
        lines.add(new Line(org, text(u, "product"), text(u, "variable"), quantity(u)));
      }
      return lines;
    }
    Matcher m = LEGACY_PATH.matcher(path);
    if (!m.matches()) {
      throw new Invalid("not a metering path");
    }
    UUID org = uuid(m.group(1));
    List<Line> lines = new ArrayList<>();
    for (JsonNode r : array(root, "records")) {
      lines.add(new Line(org, null, text(r, "variable"), quantity(r)));
    }
    return lines;
  }

  private static JsonNode array(JsonNode root, String field) throws Invalid {
    JsonNode a = root.get(field);
    if (a == null || !a.isArray() || a.isEmpty()) {
      throw new Invalid("'" + field + "' must be a non-empty array");
    }
    for (JsonNode e : a) {
      if (!e.isObject()) {
        throw new Invalid("'" + field + "' must hold objects");
      }
    }
    return a;
  }

  private static UUID uuid(String value) throws Invalid {
    try {
      UUID u = UUID.fromString(value == null ? "" : value);
      if (!u.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException();
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new Invalid("organization must be a UUID");
    }
  }

  private static String text(JsonNode node, String field) throws Invalid {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new Invalid("'" + field + "' must be a non-empty string");
    }
    return v.asText();
  }

  private static BigDecimal quantity(JsonNode node) throws Invalid {
    JsonNode v = node.get("quantity");
    if (v == null || !v.isNumber()) {
      throw new Invalid("'quantity' must be a JSON number");
    }
    BigDecimal q = v.decimalValue();
    if (q.stripTrailingZeros().scale() > MAX_DECIMALS) {
      throw new Invalid("'quantity' has more than five decimal places");
    }
    return q;
  }
}
