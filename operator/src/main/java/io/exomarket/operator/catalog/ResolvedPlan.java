package io.exomarket.operator.catalog;

import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;

/**
 * The offering and plan an instance runs, looked up once per reconcile and shared with dependents.
 */
public record ResolvedPlan(ServiceOffering offering, PlanSpec plan) {
  public static final String CONTEXT_KEY = ResolvedPlan.class.getName();
}
