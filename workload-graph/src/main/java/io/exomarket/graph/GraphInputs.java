package io.exomarket.graph;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.graph.cel.CelEnvironment;
import io.exomarket.graph.cel.CelValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a render reads: {@code instance}, {@code plan}, {@code offering} and the live objects
 * observed so far, by resource id. Immutable; each value is converted once, both to plain form (for
 * Java code) and to CEL's form (for expressions).
 */
public final class GraphInputs {
  /**
   * {@code instance.bindings}: the instance's live bindings, each {@code {name, id, secretName,
   * username}} (the password stays in the binding's Secret {@code secretName}); empty by default.
   */
  public static final String BINDINGS = "bindings";

  private final Map<String, Object> plain;
  private final Map<String, Object> cel;

  private GraphInputs(Map<String, Object> plain, Map<String, Object> cel) {
    this.plain = Collections.unmodifiableMap(plain);
    this.cel = Collections.unmodifiableMap(cel);
  }

  /** From the API types; {@code plan} is the plan the instance runs (not the suspension plan). */
  public static GraphInputs of(
      ManagedServiceInstance instance, PlanSpec plan, ServiceOffering offering) {
    return of(InputMaps.instance(instance), InputMaps.plan(plan), InputMaps.offering(offering));
  }

  /** From maps (any Java, Jackson or Kubernetes model values; they are normalised). */
  public static GraphInputs of(
      Map<String, ?> instance, Map<String, ?> plan, Map<String, ?> offering) {
    GraphInputs empty = new GraphInputs(new LinkedHashMap<>(), new LinkedHashMap<>());
    return empty.with("instance", instance).with("plan", plan).with("offering", offering);
  }

  /**
   * The live object of a resource (a map, a fabric8 GenericKubernetesResource or any model object);
   * null forgets it.
   */
  public GraphInputs withLive(String id, Object liveObject) {
    if (CelEnvironment.INPUTS.contains(id))
      throw new IllegalArgumentException(id + " is an input, not a resource id");
    return with(id, liveObject);
  }

  public GraphInputs withLive(Map<String, ?> liveById) {
    GraphInputs out = this;
    for (Map.Entry<String, ?> entry : liveById.entrySet())
      out = out.withLive(entry.getKey(), entry.getValue());
    return out;
  }

  /**
   * Adds or replaces a top-level field of {@code instance} (e.g. bindings) without an API change.
   */
  public GraphInputs withInstanceField(String name, Object value) {
    Map<String, Object> instance = new LinkedHashMap<>(instance());
    instance.put(name, value);
    return with("instance", instance);
  }

  /** Sets {@code instance.bindings} (the operator's {@code InstanceBindings.live}). */
  public GraphInputs withBindings(List<Map<String, Object>> bindings) {
    return withInstanceField(BINDINGS, bindings);
  }

  public Map<String, Object> instance() {
    return map("instance");
  }

  public Map<String, Object> plan() {
    return map("plan");
  }

  public Map<String, Object> offering() {
    return map("offering");
  }

  /** Whether the instance is suspended (instance.spec.suspended). */
  public boolean suspended() {
    return instance().get("spec") instanceof Map<?, ?> spec
        && Boolean.TRUE.equals(spec.get("suspended"));
  }

  public String instanceName() {
    return String.valueOf(instance().get("name"));
  }

  public String instanceNamespace() {
    return String.valueOf(instance().get("namespace"));
  }

  /** The live object observed for a resource id, in plain form. */
  public Optional<Map<String, Object>> live(String id) {
    return Optional.ofNullable(map(id));
  }

  /** Every value in CEL's form, by variable name: what programs evaluate on. */
  Map<String, Object> activation() {
    return cel;
  }

  private GraphInputs with(String name, Object value) {
    Map<String, Object> plainCopy = new LinkedHashMap<>(plain);
    Map<String, Object> celCopy = new LinkedHashMap<>(cel);
    if (value == null) {
      plainCopy.remove(name);
      celCopy.remove(name);
    } else {
      plainCopy.put(name, CelValues.toPlain(value));
      celCopy.put(name, CelValues.toCel(value));
    }
    return new GraphInputs(plainCopy, celCopy);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(String name) {
    return plain.get(name) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }
}
