package io.exomarket.graph.cel;

/**
 * An expression that does not compile, or whose evaluation failed; the message says why in a line.
 */
public class ExpressionException extends Exception {
  public ExpressionException(String message) {
    super(message);
  }
}
