package io.exomarket.graph.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The CEL environment of one graph: instance, plan, offering and each resource id declared as dyn,
 * standard macros, optional syntax ({@code a.?b.orValue(x)}), the strings and encoders extensions
 * and {@link GraphFunctions}. Compiling is done once per offering generation; the runtime is
 * shared.
 */
public final class CelEnvironment {
  /** The inputs every expression may read; resource ids may not take these names. */
  public static final List<String> INPUTS = List.of("instance", "plan", "offering");

  private static final CelOptions OPTIONS = CelOptions.current().enableOptionalSyntax(true).build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(
              CelOptionalLibrary.INSTANCE, CelExtensions.strings(), CelExtensions.encoders())
          .addFunctionBindings(GraphFunctions.bindings())
          .build();
  private static final Pattern UNDECLARED =
      Pattern.compile("undeclared reference to '([^']*)' \\(in container '[^']*'\\)");

  /** Expressions compiled so far in this JVM: a render must never add to it. */
  private static final LongAdder COMPILED = new LongAdder();

  private final CelCompiler compiler;
  private final Set<String> variables;

  public CelEnvironment(List<String> resourceIds) {
    this.variables = new LinkedHashSet<>(INPUTS);
    variables.addAll(resourceIds);
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(
                CelOptionalLibrary.INSTANCE, CelExtensions.strings(), CelExtensions.encoders())
            .addFunctionDeclarations(GraphFunctions.declarations());
    variables.forEach(name -> builder.addVar(name, SimpleType.DYN));
    this.compiler = builder.build();
  }

  /**
   * Parses, type-checks and plans one expression; the message of a failure is one line per issue.
   */
  public CompiledExpression compile(String source) throws ExpressionException {
    COMPILED.increment();
    if (source.isBlank()) throw new ExpressionException("empty expression");
    CelValidationResult result = compiler.compile(source);
    if (result.hasError()) {
      throw new ExpressionException(
          result.getErrors().stream()
              .map(issue -> explain(issue.getMessage()))
              .collect(Collectors.joining("; ")));
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return new CompiledExpression(
          source, RUNTIME.createProgram(ast), references(ast), ast.getResultType());
    } catch (CelValidationException | CelEvaluationException e) {
      throw new ExpressionException(e.getMessage());
    }
  }

  /** How many expressions this JVM has compiled (for tests and metrics: renders add nothing). */
  public static long compiledExpressions() {
    return COMPILED.sum();
  }

  /**
   * The declared variables the expression reads (by identifier; a same-named loop variable counts).
   */
  private Set<String> references(CelAbstractSyntaxTree ast) {
    Set<String> names = new LinkedHashSet<>();
    CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT)
        .map(node -> node.expr().ident().name())
        .filter(variables::contains)
        .forEach(names::add);
    return names;
  }

  private String explain(String message) {
    Matcher undeclared = UNDECLARED.matcher(message);
    if (undeclared.find()) {
      return "unknown identifier '"
          + undeclared.group(1)
          + "' (known: "
          + String.join(", ", variables)
          + ")";
    }
    return message;
  }
}
