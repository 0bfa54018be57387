package io.exomarket.operator.catalog;

import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.graph.CompiledGraph;

/**
 * The offering, plan and workload graph an instance runs, looked up once per reconcile.
 *
 * @param staleGraph the offering's current generation does not compile and {@code graph} is the
 *     last one that did: running instances keep it rather than being torn down
 */
public record ResolvedPlan(
    ServiceOffering offering, PlanSpec plan, CompiledGraph graph, boolean staleGraph) {}
