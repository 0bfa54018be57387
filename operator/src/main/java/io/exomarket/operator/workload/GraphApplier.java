package io.exomarket.operator.workload;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.AppliedSpec;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ResourceDeletionPolicy;
import io.exomarket.graph.CompiledGraph;
import io.exomarket.graph.CompiledResource;
import io.exomarket.graph.GraphInputs;
import io.exomarket.graph.GraphProblem;
import io.exomarket.graph.GraphRender;
import io.exomarket.graph.GraphRenderer;
import io.exomarket.graph.GraphStatus;
import io.exomarket.graph.OutputRenderer;
import io.exomarket.graph.RenderedOutputs;
import io.exomarket.graph.RenderedResource;
import io.exomarket.operator.binding.InstanceBindings;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Drives an instance's workload to its graph: renders the graph over the live objects, writes what
 * is desired in topological order, deletes what is excluded, leaves what waits; then judges the
 * whole (ready, suspended) and renders the outputs over what is live now. After a plan change the
 * data volumes grow to the new plan's size (claim templates cannot change).
 */
public final class GraphApplier {
  private final WorkloadInformers informers;
  private final ObjectWriter writer;
  private final PvcResizer pvcResizer;
  private final EventRecorder events;

  public GraphApplier(
      WorkloadInformers informers,
      ObjectWriter writer,
      PvcResizer pvcResizer,
      EventRecorder events) {
    this.informers = informers;
    this.writer = writer;
    this.pvcResizer = pvcResizer;
    this.events = events;
  }

  public AppliedWorkload apply(StatusRecorder recorder, ResolvedPlan plan, CompiledGraph graph) {
    ManagedServiceInstance instance = recorder.current();
    Context<ManagedServiceInstance> context = recorder.context();
    GraphInputs base =
        GraphInputs.of(instance, plan.plan(), plan.offering())
            .withBindings(InstanceBindings.live(context));
    Map<String, GenericKubernetesResource> live = informers.live(context, instance, graph);
    List<String> rejections = new ArrayList<>();
    GraphRender render;
    // Our own writes bring no event (the informer knows them), so a resource waiting for one we
    // just wrote is rendered again at once: each pass gets at least one step further down the
    // graph.
    int passes = 0;
    boolean progressed;
    do {
      render = GraphRenderer.render(graph, base.withLive(live));
      rejections.clear();
      progressed = applyOnce(context, instance, graph, render, live, rejections);
    } while (progressed
        && !render.only(RenderedResource.Waiting.class).isEmpty()
        && ++passes < graph.resources().size());
    growVolumesAfterPlanChange(instance, plan);
    GraphInputs now = base.withLive(live);
    GraphStatus status = GraphStatus.of(graph, render, now);
    RenderedOutputs outputs = OutputRenderer.render(graph, now);
    AppliedWorkload applied = AppliedWorkload.of(status, outputs);
    List<GraphProblem> problems = new ArrayList<>(render.problems());
    problems.addAll(outputs.problems());
    if (!problems.isEmpty()) {
      return applied.blocked(
          Reason.INVALID_TEMPLATE,
          problems.stream().map(GraphProblem::toString).collect(Collectors.joining("; ")));
    }
    if (!rejections.isEmpty()) {
      return applied.blocked(Reason.WORKLOAD_REJECTED, String.join("; ", rejections));
    }
    return applied;
  }

  /** Writes one render; whether anything was created, changed or deleted. */
  private boolean applyOnce(
      Context<ManagedServiceInstance> context,
      ManagedServiceInstance instance,
      CompiledGraph graph,
      GraphRender render,
      Map<String, GenericKubernetesResource> live,
      List<String> rejections) {
    boolean progressed = false;
    for (RenderedResource result : render.resources()) {
      CompiledResource resource = graph.resource(result.id()).orElseThrow();
      var source = informers.of(context, WorkloadInformers.Kind.of(resource));
      GenericKubernetesResource current = live.get(result.id());
      try {
        if (result instanceof RenderedResource.Desired desired) {
          GenericKubernetesResource written =
              writer.write(
                  source,
                  instance,
                  result.id(),
                  desired.object(),
                  current,
                  resource.updatePolicy());
          if (written != null && written != current) {
            live.put(result.id(), written);
            progressed = true;
          }
        } else if (result instanceof RenderedResource.Excluded && current != null) {
          remove(current, resource, instance);
          live.remove(result.id());
          progressed = true;
        }
      } catch (ObjectRejection e) {
        rejections.add(e.describe());
      }
    }
    return progressed;
  }

  private void remove(
      GenericKubernetesResource current,
      CompiledResource resource,
      ManagedServiceInstance instance) {
    if (resource.deletionPolicy() == ResourceDeletionPolicy.DELETE) {
      writer.delete(current);
    } else {
      writer.orphan(current, instance);
    }
  }

  private void growVolumesAfterPlanChange(ManagedServiceInstance instance, ResolvedPlan plan) {
    AppliedSpec applied =
        instance.getStatus() == null ? null : instance.getStatus().getAppliedSpec();
    var storage =
        plan.plan().getResources() == null ? null : plan.plan().getResources().getStorage();
    if (applied == null
        || storage == null
        || Objects.equals(applied.getPlanId(), instance.getSpec().getPlanId())) {
      return;
    }
    List<String> refused = pvcResizer.grow(instance, storage);
    if (!refused.isEmpty()) {
      events.warning(
          instance,
          Reason.VOLUME_EXPANSION_REFUSED,
          "volumes keep their size, the storage class refused to expand them: "
              + String.join("; ", refused));
    }
  }
}
