package io.exomarket.graph.template;

import io.exomarket.graph.cel.CelValues;
import io.exomarket.graph.cel.CompiledExpression;
import io.exomarket.graph.cel.ExpressionException;
import io.exomarket.graph.cel.GraphFunctions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled template: the tree of the template with its expressions compiled, rendered to plain
 * JSON-like values. Subtrees without expressions are literals, copied on each render so callers may
 * change what they get.
 */
public sealed interface TemplateNode {

  /** The rendered value: Long, Double, Boolean, String, null, Map or List. */
  Object render(Map<String, ?> activation) throws TemplateRenderException;

  /** A subtree without expressions. */
  record Literal(Object value) implements TemplateNode {
    @Override
    public Object render(Map<String, ?> activation) {
      return CelValues.toPlain(value);
    }
  }

  /** A map; entries whose value renders to null are left out (an unset field). */
  record MapNode(Map<String, TemplateNode> entries) implements TemplateNode {
    @Override
    public Object render(Map<String, ?> activation) throws TemplateRenderException {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, TemplateNode> entry : entries.entrySet()) {
        Object value = entry.getValue().render(activation);
        if (value != null) out.put(entry.getKey(), value);
      }
      return out;
    }
  }

  record ListNode(List<TemplateNode> items) implements TemplateNode {
    @Override
    public Object render(Map<String, ?> activation) throws TemplateRenderException {
      List<Object> out = new ArrayList<>(items.size());
      for (TemplateNode item : items) out.add(item.render(activation));
      return out;
    }
  }

  /** A string that is exactly one ${expr}: the value keeps the expression's type. */
  record Typed(String path, CompiledExpression expression) implements TemplateNode {
    @Override
    public Object render(Map<String, ?> activation) throws TemplateRenderException {
      return evaluate(path, expression, activation);
    }
  }

  /**
   * Text around expressions: each result is written as text (strings as they are, anything else as
   * canonical JSON) and concatenated.
   */
  record Interpolated(String path, List<Object> parts) implements TemplateNode {
    @Override
    public Object render(Map<String, ?> activation) throws TemplateRenderException {
      StringBuilder out = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof CompiledExpression expression) {
          Object value = evaluate(path, expression, activation);
          out.append(value instanceof String s ? s : json(path, expression, value));
        } else {
          out.append(part);
        }
      }
      return out.toString();
    }
  }

  private static Object evaluate(
      String path, CompiledExpression expression, Map<String, ?> activation)
      throws TemplateRenderException {
    try {
      return expression.evaluate(activation);
    } catch (ExpressionException e) {
      throw new TemplateRenderException(path, expression.source(), e.getMessage());
    }
  }

  private static String json(String path, CompiledExpression expression, Object value)
      throws TemplateRenderException {
    try {
      return GraphFunctions.toJson(value);
    } catch (Exception e) {
      throw new TemplateRenderException(path, expression.source(), e.getMessage());
    }
  }
}
