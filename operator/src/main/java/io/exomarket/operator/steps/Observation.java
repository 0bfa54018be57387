package io.exomarket.operator.steps;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.PlanSpec;
import java.time.Instant;

/** What one reconcile observed of an instance: its state, under which plan, when. */
public record Observation(InstanceState state, PlanSpec plan, Instant at) {}
