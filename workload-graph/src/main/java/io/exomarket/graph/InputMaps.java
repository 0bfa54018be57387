package io.exomarket.graph;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.graph.cel.CelValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inputs of a render as plain maps, from the API types. Specs go through their JSON form, so a
 * field added to the API later (bindings, maintenanceVersion...) reaches expressions with no change
 * here. Optional objects expressions commonly read default to empty maps.
 */
final class InputMaps {
  private InputMaps() {}

  /**
   * {@code name, namespace, labels, annotations, spec{instanceId, serviceId, planId, ...},
   * bindings}.
   */
  static Map<String, Object> instance(ManagedServiceInstance instance) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", instance.getMetadata().getName());
    out.put("namespace", instance.getMetadata().getNamespace());
    out.put("labels", orEmpty(instance.getMetadata().getLabels()));
    out.put("annotations", orEmpty(instance.getMetadata().getAnnotations()));
    Map<String, Object> spec = plainMap(instance.getSpec());
    spec.putIfAbsent("parameters", new LinkedHashMap<>());
    spec.putIfAbsent("context", new LinkedHashMap<>());
    out.put("spec", spec);
    // The operator sets the live bindings (GraphInputs.withBindings); none until it does.
    out.put(GraphInputs.BINDINGS, java.util.List.of());
    return out;
  }

  /** {@code id, name, description, resources{replicas, cpu, memory, storage}, metadata, ...}. */
  static Map<String, Object> plan(PlanSpec plan) {
    Map<String, Object> out = plainMap(plan);
    out.putIfAbsent("metadata", new LinkedHashMap<>());
    return out;
  }

  /** {@code name} (the object's), {@code id} and {@code serviceName} (OSB's), {@code metadata}. */
  static Map<String, Object> offering(ServiceOffering offering) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", offering.getMetadata().getName());
    out.put("id", offering.getSpec().getId());
    out.put("serviceName", offering.getSpec().getName());
    Object metadata = CelValues.toPlain(offering.getSpec().getMetadata());
    out.put("metadata", metadata == null ? new LinkedHashMap<>() : metadata);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> plainMap(Object value) {
    Object plain = CelValues.toPlain(value);
    return plain instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
