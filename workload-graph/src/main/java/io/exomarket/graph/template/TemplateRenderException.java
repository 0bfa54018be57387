package io.exomarket.graph.template;

/** An expression of a template that failed on render, with where it is and what it says. */
public class TemplateRenderException extends Exception {
  private final String path;
  private final String expression;
  private final String reason;

  public TemplateRenderException(String path, String expression, String reason) {
    super(path + ": ${" + expression + "}: " + reason);
    this.path = path;
    this.expression = expression;
    this.reason = reason;
  }

  public String path() {
    return path;
  }

  public String expression() {
    return expression;
  }

  public String reason() {
    return reason;
  }
}
