package io.exomarket.graph;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Fills the {@code @name@} placeholders of the default graph's YAML. A value that is exactly one
 * placeholder takes the replacement as it is (a number stays a number; null removes the field; a
 * list in a list is spliced in); inside a longer string the replacement is written as text.
 */
final class LegacyPlaceholders {
  private final Map<String, Object> values;

  LegacyPlaceholders(Map<String, Object> values) {
    this.values = values;
  }

  @SuppressWarnings("unchecked")
  Object fill(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Iterator<? extends Map.Entry<?, Object>> entries =
          ((Map<?, Object>) map).entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, Object> entry = entries.next();
        Object filled = fill(entry.getValue());
        if (filled == null) {
          entries.remove();
        } else {
          entry.setValue(filled);
        }
      }
      return map;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object filled = fill(item);
        if (isPlaceholder(item) && filled instanceof List<?> spliced) {
          out.addAll(spliced);
        } else if (filled != null) {
          out.add(filled);
        }
      }
      return out;
    }
    if (tree instanceof String text) return fillString(text);
    return tree;
  }

  private Object fillString(String text) {
    if (isPlaceholder(text)) return values.get(name(text));
    String out = text;
    for (Map.Entry<String, Object> value : values.entrySet()) {
      if (value.getValue() instanceof String || value.getValue() instanceof Number) {
        out = out.replace("@" + value.getKey() + "@", String.valueOf(value.getValue()));
      }
    }
    return out;
  }

  private boolean isPlaceholder(Object value) {
    return value instanceof String text
        && text.startsWith("@")
        && text.endsWith("@")
        && values.containsKey(name(text));
  }

  private static String name(String placeholder) {
    return placeholder.substring(1, placeholder.length() - 1);
  }
}
