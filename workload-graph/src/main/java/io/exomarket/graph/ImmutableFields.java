package io.exomarket.graph;

import io.exomarket.graph.cel.CelValues;
import io.exomarket.graph.readiness.LiveFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fields the API server refuses to change after creation. Before an update the operator keeps the
 * live values of these, so an update never fails on them (a bigger plan grows PVCs, not the
 * StatefulSet's claim templates).
 */
public final class ImmutableFields {
  private static final Map<String, List<String>> PATHS =
      Map.of(
          "apps/StatefulSet",
              List.of(
                  "spec.volumeClaimTemplates",
                  "spec.selector",
                  "spec.serviceName",
                  "spec.podManagementPolicy"),
          "apps/Deployment", List.of("spec.selector"),
          "/Service", List.of("spec.clusterIP", "spec.clusterIPs"),
          "batch/Job", List.of("spec.template", "spec.selector"));
  private static final String PVC = "/PersistentVolumeClaim";
  private static final String STORAGE = "spec.resources.requests.storage";

  private ImmutableFields() {}

  /** The immutable dotted paths of a kind (for a PVC: all of spec but {@value #STORAGE}). */
  public static List<String> paths(String group, String kind) {
    String key = group + "/" + kind;
    return key.equals(PVC)
        ? List.of("spec (except resources.requests.storage)")
        : PATHS.getOrDefault(key, List.of());
  }

  /**
   * A copy of the desired object with the live values of the immutable fields; the desired object
   * as it is when there is no live object yet.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> preserve(Map<String, ?> desired, Map<String, ?> live) {
    Map<String, Object> out = (Map<String, Object>) CelValues.toPlain(desired);
    if (live == null) return out;
    String apiVersion = String.valueOf(desired.get("apiVersion"));
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String key = group + "/" + desired.get("kind");
    if (key.equals(PVC)) {
      preservePvcSpec(out, live);
    } else {
      for (String path : PATHS.getOrDefault(key, List.of())) {
        LiveFields.get(live, path).ifPresent(value -> put(out, path, CelValues.toPlain(value)));
      }
    }
    return out;
  }

  private static void preservePvcSpec(Map<String, Object> out, Map<String, ?> live) {
    Optional<Object> liveSpec = LiveFields.get(live, "spec");
    if (liveSpec.isEmpty()) return;
    Optional<Object> storage = LiveFields.get(out, STORAGE);
    out.put("spec", CelValues.toPlain(liveSpec.get()));
    storage.ifPresent(value -> put(out, STORAGE, value));
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> object, String path, Object value) {
    String[] keys = path.split("\\.");
    Map<String, Object> current = object;
    for (int i = 0; i < keys.length - 1; i++) {
      Object next = current.get(keys[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        current.put(keys[i], next);
      }
      current = (Map<String, Object>) next;
    }
    current.put(keys[keys.length - 1], value);
  }
}
