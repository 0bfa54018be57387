package io.exomarket.graph;

import io.exomarket.api.v1alpha1.ResourceDeletionPolicy;
import io.exomarket.api.v1alpha1.ResourceUpdatePolicy;
import io.exomarket.graph.cel.CompiledExpression;
import io.exomarket.graph.template.TemplateNode;
import java.util.List;
import java.util.Set;

/**
 * One resource of a compiled graph.
 *
 * @param apiVersion literal in the template (never templated: the operator watches the kind)
 * @param kind literal in the template
 * @param dependencies the other resources its template reads, in declaration order
 */
public record CompiledResource(
    String id,
    String apiVersion,
    String kind,
    TemplateNode template,
    List<CompiledExpression> includeWhen,
    List<CompiledExpression> readyWhen,
    List<CompiledExpression> suspendedWhen,
    Set<String> dependencies,
    ResourceDeletionPolicy deletionPolicy,
    ResourceUpdatePolicy updatePolicy) {

  /** The API group: "" for the core group ("v1"). */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
