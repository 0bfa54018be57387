package io.exomarket.graph;

import io.exomarket.graph.template.TemplateScanner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Legacy text in graph form: literal values stay literal, and the legacy dashboard URL template's
 * placeholders become expressions (the instance id URL-encoded, as DashboardUrls does).
 */
final class LegacyText {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{(instanceId|name|namespace|organization)\\}");

  private LegacyText() {}

  /** The text as a template that renders to exactly this text (a "${" in it is quoted). */
  static String literal(String text) {
    if (text == null || !TemplateScanner.isTemplated(text)) return text;
    return "${" + quoted(text) + "}";
  }

  /** The legacy {instanceId}/{name}/{namespace}/{organization} template as a graph template. */
  static String dashboardUrl(String legacy) {
    if (legacy == null || legacy.isBlank()) return null;
    StringBuilder out = new StringBuilder();
    Matcher placeholder = PLACEHOLDER.matcher(legacy);
    int cursor = 0;
    while (placeholder.find()) {
      out.append(literal(legacy.substring(cursor, placeholder.start())));
      out.append(
          switch (placeholder.group(1)) {
            case "instanceId" -> "${urlEncode(instance.spec.instanceId)}";
            case "name" -> "${instance.name}";
            case "namespace" -> "${instance.namespace}";
            default -> "${instance.spec.organization}";
          });
      cursor = placeholder.end();
    }
    return out.append(literal(legacy.substring(cursor))).toString();
  }

  /** A CEL double-quoted string literal. */
  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
