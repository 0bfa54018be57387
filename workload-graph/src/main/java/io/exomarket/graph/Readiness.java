package io.exomarket.graph;

import io.exomarket.graph.cel.CompiledExpression;
import io.exomarket.graph.cel.ExpressionException;
import io.exomarket.graph.readiness.DefaultReadiness;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a resource's live object (the one in the inputs under its id) is ready, or has reached
 * its suspended state: its readyWhen / suspendedWhen, all true, or the defaults (readiness by kind;
 * suspended at once).
 */
public final class Readiness {
  private Readiness() {}

  /** A yes or no, with the reason of a no. */
  public record Verdict(boolean satisfied, String reason) {
    static final Verdict YES = new Verdict(true, null);

    static Verdict no(String reason) {
      return new Verdict(false, reason);
    }
  }

  public static boolean isReady(CompiledResource resource, GraphInputs inputs) {
    return ready(resource, inputs).satisfied();
  }

  public static boolean isSuspended(CompiledResource resource, GraphInputs inputs) {
    return suspended(resource, inputs).satisfied();
  }

  public static Verdict ready(CompiledResource resource, GraphInputs inputs) {
    Optional<Map<String, Object>> live = inputs.live(resource.id());
    if (live.isEmpty()) return Verdict.no("does not exist yet");
    if (!resource.readyWhen().isEmpty()) return all(resource.readyWhen(), "readyWhen", inputs);
    return DefaultReadiness.notReadyReason(resource.group(), resource.kind(), live.get())
        .map(Verdict::no)
        .orElse(Verdict.YES);
  }

  public static Verdict suspended(CompiledResource resource, GraphInputs inputs) {
    if (inputs.live(resource.id()).isEmpty()) return Verdict.no("does not exist");
    return all(resource.suspendedWhen(), "suspendedWhen", inputs);
  }

  private static Verdict all(
      List<CompiledExpression> conditions, String field, GraphInputs inputs) {
    for (int i = 0; i < conditions.size(); i++) {
      CompiledExpression condition = conditions.get(i);
      try {
        if (!condition.test(inputs.activation())) {
          return Verdict.no(field + "[" + i + "] is false: " + condition.source());
        }
      } catch (ExpressionException e) {
        return Verdict.no(
            field + "[" + i + "] failed: " + condition.source() + ": " + e.getMessage());
      }
    }
    return Verdict.YES;
  }
}
