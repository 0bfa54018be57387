package io.exomarket.graph.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template string into literal text and {@code ${...}} expressions. Only the delimiters
 * are parsed here: the closing brace is the one that balances the opening, skipping braces inside
 * CEL string literals (quoted, triple-quoted, raw) and comments. CEL itself parses the inside.
 * There is no escape: write {@code ${"${"}} for a literal {@code ${}.
 */
public final class TemplateScanner {
  /** A piece of a template string. */
  public sealed interface Segment {}

  public record Text(String text) implements Segment {}

  public record Expression(String source) implements Segment {}

  private TemplateScanner() {}

  public static boolean isTemplated(String value) {
    return value.contains("${");
  }

  public static List<Segment> split(String value) throws TemplateSyntaxException {
    List<Segment> segments = new ArrayList<>();
    int cursor = 0;
    while (cursor < value.length()) {
      int open = value.indexOf("${", cursor);
      if (open < 0) {
        segments.add(new Text(value.substring(cursor)));
        break;
      }
      if (open > cursor) segments.add(new Text(value.substring(cursor, open)));
      int close = closingBrace(value, open + 2);
      segments.add(new Expression(value.substring(open + 2, close).trim()));
      cursor = close + 1;
    }
    return segments;
  }

  private static int closingBrace(String value, int from) throws TemplateSyntaxException {
    int depth = 0;
    int i = from;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '"' || c == '\'') {
        i = endOfString(value, i);
        continue;
      }
      if (c == '/' && value.startsWith("//", i)) {
        int newline = value.indexOf('\n', i);
        i = newline < 0 ? value.length() : newline + 1;
        continue;
      }
      if (c == '{') depth++;
      if (c == '}') {
        if (depth == 0) return i;
        depth--;
      }
      i++;
    }
    throw new TemplateSyntaxException("unterminated ${ at offset " + (from - 2));
  }

  /** The index after the string literal that starts with the quote at {@code start}. */
  private static int endOfString(String value, int start) throws TemplateSyntaxException {
    char quote = value.charAt(start);
    boolean raw = isRawPrefix(value, start);
    String triple = String.valueOf(quote).repeat(3);
    String closing = value.startsWith(triple, start) ? triple : String.valueOf(quote);
    int i = start + closing.length();
    while (i < value.length()) {
      if (!raw && value.charAt(i) == '\\') {
        i += 2;
        continue;
      }
      if (value.startsWith(closing, i)) return i + closing.length();
      if (closing.length() == 1 && value.charAt(i) == '\n') break;
      i++;
    }
    throw new TemplateSyntaxException("unterminated string literal at offset " + start);
  }

  /** r"..." and R'...' (also with a b prefix) keep backslashes as they are. */
  private static boolean isRawPrefix(String value, int quote) {
    int i = quote - 1;
    boolean raw = false;
    while (i >= 0 && quote - i <= 2 && "rRbB".indexOf(value.charAt(i)) >= 0) {
      raw |= value.charAt(i) == 'r' || value.charAt(i) == 'R';
      i--;
    }
    boolean prefixStandsAlone =
        i < 0 || !Character.isLetterOrDigit(value.charAt(i)) && value.charAt(i) != '_';
    return raw && prefixStandsAlone;
  }
}
