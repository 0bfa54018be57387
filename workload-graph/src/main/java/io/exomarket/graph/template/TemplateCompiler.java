package io.exomarket.graph.template;

import io.exomarket.graph.cel.CelEnvironment;
import io.exomarket.graph.cel.CompiledExpression;
import io.exomarket.graph.cel.ExpressionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a template tree (plain maps, lists and scalars) into a {@link TemplateNode}, compiling
 * every ${...} once. Keys are never templated. Collects the variables the expressions read and
 * every problem, so one pass reports them all.
 */
public final class TemplateCompiler {
  private final CelEnvironment environment;
  private final List<TemplateError> errors = new ArrayList<>();
  private final Set<String> references = new LinkedHashSet<>();

  public TemplateCompiler(CelEnvironment environment) {
    this.environment = environment;
  }

  /** The compiled tree; check {@link #errors()} before rendering it. */
  public TemplateNode compile(Object tree, String path) {
    if (tree instanceof Map<?, ?> map) return compileMap(map, path);
    if (tree instanceof List<?> list) return compileList(list, path);
    if (tree instanceof String text && TemplateScanner.isTemplated(text))
      return compileString(text, path);
    return new TemplateNode.Literal(tree);
  }

  public List<TemplateError> errors() {
    return errors;
  }

  /** The declared variables the compiled expressions read, in order of first use. */
  public Set<String> references() {
    return references;
  }

  private TemplateNode compileMap(Map<?, ?> map, String path) {
    Map<String, TemplateNode> entries = new LinkedHashMap<>();
    boolean literal = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      TemplateNode node = compile(entry.getValue(), path.isEmpty() ? key : path + "." + key);
      literal &= node instanceof TemplateNode.Literal;
      entries.put(key, node);
    }
    return literal ? new TemplateNode.Literal(map) : new TemplateNode.MapNode(entries);
  }

  private TemplateNode compileList(List<?> list, String path) {
    List<TemplateNode> items = new ArrayList<>();
    boolean literal = true;
    for (int i = 0; i < list.size(); i++) {
      TemplateNode node = compile(list.get(i), path + "[" + i + "]");
      literal &= node instanceof TemplateNode.Literal;
      items.add(node);
    }
    return literal ? new TemplateNode.Literal(list) : new TemplateNode.ListNode(items);
  }

  private TemplateNode compileString(String text, String path) {
    List<TemplateScanner.Segment> segments;
    try {
      segments = TemplateScanner.split(text);
    } catch (TemplateSyntaxException e) {
      errors.add(new TemplateError(path, text, e.getMessage()));
      return new TemplateNode.Literal(text);
    }
    List<Object> parts = new ArrayList<>();
    boolean failed = false;
    for (TemplateScanner.Segment segment : segments) {
      if (segment instanceof TemplateScanner.Expression expression) {
        CompiledExpression compiled = compileExpression(expression.source(), path);
        failed |= compiled == null;
        parts.add(compiled);
      } else {
        parts.add(((TemplateScanner.Text) segment).text());
      }
    }
    if (failed) return new TemplateNode.Literal(text);
    if (parts.size() == 1 && parts.get(0) instanceof CompiledExpression only) {
      return new TemplateNode.Typed(path, only);
    }
    return new TemplateNode.Interpolated(path, parts);
  }

  /** Null when it does not compile (the error is recorded). */
  public CompiledExpression compileExpression(String source, String path) {
    try {
      CompiledExpression compiled = environment.compile(source);
      references.addAll(compiled.references());
      return compiled;
    } catch (ExpressionException e) {
      errors.add(new TemplateError(path, source, e.getMessage()));
      return null;
    }
  }
}
