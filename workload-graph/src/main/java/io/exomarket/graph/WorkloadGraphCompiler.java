package io.exomarket.graph;

import io.exomarket.api.v1alpha1.GraphResource;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.api.v1alpha1.WorkloadTemplate;
import io.exomarket.graph.cel.CelEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles an offering's workload into a {@link CompiledGraph}, once per offering generation: every
 * check and every CEL parse and type-check happens here, none on render. The legacy single-image
 * form is first turned into the default graph ({@link DefaultWorkload}), so both forms run through
 * one engine.
 */
public final class WorkloadGraphCompiler {
  private WorkloadGraphCompiler() {}

  public static CompileResult compile(ServiceOfferingSpec offering) {
    if (offering.getWorkload() == null) {
      return CompileResult.of(
          List.of(new GraphProblem(null, "workload", null, "the offering has no workload")));
    }
    return compile(offering.getWorkload());
  }

  public static CompileResult compile(WorkloadTemplate workload) {
    boolean hasImage = workload.getImage() != null && !workload.getImage().isBlank();
    boolean hasResources = workload.getResources() != null && !workload.getResources().isEmpty();
    if (hasImage == hasResources) {
      return CompileResult.of(
          List.of(
              new GraphProblem(
                  null,
                  "workload",
                  null,
                  "exactly one of image or resources must be given; "
                      + (hasImage ? "both are" : "neither is"))));
    }
    return compileGraph(hasImage ? DefaultWorkload.graphFor(workload) : workload);
  }

  private static CompileResult compileGraph(WorkloadTemplate workload) {
    List<GraphResource> resources = workload.getResources();
    List<GraphProblem> problems = new ArrayList<>(DeclarationChecks.check(resources));
    List<String> ids = validIds(resources);
    CelEnvironment environment = new CelEnvironment(ids);
    ResourceCompiler compiler = new ResourceCompiler(environment, ids, problems);
    Map<String, CompiledResource> compiled = new LinkedHashMap<>();
    for (GraphResource resource : resources) {
      if (ids.contains(resource.getId())
          && resource.getTemplate() != null
          && !compiled.containsKey(resource.getId())) {
        compiled.put(resource.getId(), compiler.compile(resource));
      }
    }
    List<CompiledOutput> outputs =
        OutputCompiler.compile(workload.getOutputs(), environment, problems);
    List<CompiledResource> ordered = new ArrayList<>();
    try {
      Map<String, Set<String>> dependencies = new LinkedHashMap<>();
      compiled.forEach((id, r) -> dependencies.put(id, r.dependencies()));
      TopologicalOrder.sort(List.copyOf(compiled.keySet()), dependencies)
          .forEach(id -> ordered.add(compiled.get(id)));
    } catch (TopologicalOrder.CycleException e) {
      problems.add(new GraphProblem(e.cycle().get(0), "template", null, e.getMessage()));
    }
    return problems.isEmpty()
        ? new CompileResult(new CompiledGraph(ordered, outputs), List.of())
        : CompileResult.of(problems);
  }

  /** Ids an expression may name: well-formed and not reserved (duplicates once). */
  private static List<String> validIds(List<GraphResource> resources) {
    Set<String> ids = new LinkedHashSet<>();
    for (GraphResource resource : resources) {
      String id = resource.getId();
      if (id != null && id.matches("[a-zA-Z_][a-zA-Z0-9_]*") && !CelEnvironment.INPUTS.contains(id))
        ids.add(id);
    }
    return List.copyOf(ids);
  }
}
