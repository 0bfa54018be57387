package io.exomarket.graph.template;

/** A template string whose ${...} delimiters do not balance. */
public class TemplateSyntaxException extends Exception {
  public TemplateSyntaxException(String message) {
    super(message);
  }
}
