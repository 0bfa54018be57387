package io.exomarket.graph;

/**
 * Something wrong with a graph, found when compiling it or when rendering it for an instance.
 *
 * @param resourceId the resource it concerns; null for the graph as a whole or an output
 * @param path where: a field of the resource ({@code id}, {@code includeWhen[0]}), a path in its
 *     template ({@code template.spec.replicas}, {@code template.spec.containers[0].image}) or an
 *     output ({@code outputs.dashboardUrl})
 * @param expression the CEL expression concerned, without ${ }; null when none
 * @param message what is wrong, in one line
 */
public record GraphProblem(String resourceId, String path, String expression, String message) {

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (resourceId != null) text.append("resource '").append(resourceId).append("' ");
    if (path != null) text.append(path);
    if (expression != null) text.append(" ${").append(expression).append('}');
    if (!text.isEmpty()) text.append(": ");
    return text.append(message).toString();
  }
}
