package io.exomarket.graph;

import io.exomarket.graph.cel.CelEnvironment;
import io.exomarket.graph.template.TemplateNode;
import java.util.Set;

/**
 * One compiled output.
 *
 * @param references the variables its expressions read (instance, plan, offering, resource ids)
 */
public record CompiledOutput(String name, TemplateNode value, Set<String> references) {

  /**
   * True when it reads only instance, plan and offering: it can be rendered before any resource
   * exists (the broker renders the dashboard URL for the provision response this way).
   */
  public boolean dependsOnlyOnInputs() {
    return CelEnvironment.INPUTS.containsAll(references);
  }
}
