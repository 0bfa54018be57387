package io.exomarket.graph.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.Program;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One type-checked CEL expression and its program, made once per compile and evaluated on every
 * render. Programs are immutable and thread-safe.
 */
public final class CompiledExpression {
  /** CEL prefixes evaluation errors with a position in a text nobody sees ("<input>:12: "). */
  private static final Pattern POSITION = Pattern.compile("^evaluation error( at <input>:\\d+)?: ");

  private final String source;
  private final Program program;
  private final Set<String> references;
  private final CelType resultType;

  CompiledExpression(String source, Program program, Set<String> references, CelType resultType) {
    this.source = source;
    this.program = program;
    this.references = Set.copyOf(references);
    this.resultType = resultType;
  }

  /** The expression text, without the ${ } delimiters. */
  public String source() {
    return source;
  }

  /** The declared variables it reads: among instance, plan, offering and the resource ids. */
  public Set<String> references() {
    return references;
  }

  public CelType resultType() {
    return resultType;
  }

  /** Whether the checker proved a bool, or could not know (dyn): what a condition may be. */
  public boolean mayBeBoolean() {
    return resultType.equals(SimpleType.BOOL) || resultType.equals(SimpleType.DYN);
  }

  /**
   * The value in plain JSON-like form (Long, Double, Boolean, String, List, Map, null).
   *
   * @param activation CEL-form values of the variables (see {@link CelValues#toCel}); every
   *     variable the expression references must be present
   */
  public Object evaluate(Map<String, ?> activation) throws ExpressionException {
    for (String name : references) {
      if (!activation.containsKey(name)) {
        throw new ExpressionException(name + " is not available yet");
      }
    }
    Object result;
    try {
      result = program.eval(activation);
    } catch (CelEvaluationException e) {
      throw new ExpressionException(
          POSITION.matcher(String.valueOf(e.getMessage())).replaceFirst(""));
    } catch (RuntimeException e) {
      throw new ExpressionException(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (result instanceof CelUnknownSet) {
      throw new ExpressionException("reads a value that is not available");
    }
    return CelValues.fromCel(result);
  }

  /** A condition's value: a boolean, or an error saying what it was instead. */
  public boolean test(Map<String, ?> activation) throws ExpressionException {
    Object value = evaluate(activation);
    if (value instanceof Boolean b) return b;
    throw new ExpressionException(
        "must be a boolean, got "
            + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
  }

  @Override
  public String toString() {
    return source;
  }
}
