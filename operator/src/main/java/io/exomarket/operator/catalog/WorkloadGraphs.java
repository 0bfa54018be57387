package io.exomarket.operator.catalog;

import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.graph.CompileResult;
import io.exomarket.graph.CompiledGraph;
import io.exomarket.graph.WorkloadGraphCompiler;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The compiled workload graph of each offering: compiled once per offering generation and shared by
 * the offering controller and every instance. The last generation that compiled is kept beside the
 * latest, so a broken edit never tears running instances down: they keep the last valid graph.
 */
public final class WorkloadGraphs {
  private record Compiled(long generation, CompileResult result) {}

  private final ConcurrentMap<String, Compiled> latest = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CompiledGraph> lastValid = new ConcurrentHashMap<>();

  /** The offering's current generation, compiled (from the cache when already done). */
  public CompileResult compile(ServiceOffering offering) {
    String uid = offering.getMetadata().getUid();
    long generation = generationOf(offering);
    Compiled compiled =
        latest.compute(
            uid,
            (key, known) ->
                known != null && known.generation() == generation
                    ? known
                    : new Compiled(generation, WorkloadGraphCompiler.compile(offering.getSpec())));
    if (compiled.result().isValid()) {
      lastValid.put(uid, compiled.result().graph());
    }
    return compiled.result();
  }

  /** The graph of the last generation that compiled, if any did since the operator started. */
  public Optional<CompiledGraph> lastValid(ServiceOffering offering) {
    compile(offering);
    return Optional.ofNullable(lastValid.get(offering.getMetadata().getUid()));
  }

  /** Forgets a deleted offering. */
  public void forget(String uid) {
    latest.remove(uid);
    lastValid.remove(uid);
  }

  private static long generationOf(ServiceOffering offering) {
    Long generation = offering.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
