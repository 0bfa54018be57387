package io.exomarket.operator.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The object to PUT: the live object with every field the template sets laid over it (maps merged
 * key by key, anything else replaced), so fields that other controllers or the API server set and
 * the template does not mention (defaults, annotations, a Service's clusterIP) survive the update.
 * The live resourceVersion stays, so a concurrent change answers 409 instead of being lost; status
 * is left out (it is not ours, and the main resource ignores it).
 */
final class Overlay {
  private Overlay() {}

  static Map<String, Object> onto(Map<String, Object> live, Map<String, Object> desired) {
    Map<String, Object> merged = merge(live, desired);
    merged.remove("status");
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> top) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    top.forEach(
        (key, value) -> {
          Object under = out.get(key);
          if (value instanceof Map<?, ?> map && under instanceof Map<?, ?> underMap) {
            out.put(key, merge((Map<String, Object>) underMap, (Map<String, Object>) map));
          } else {
            out.put(key, value);
          }
        });
    return out;
  }
}
