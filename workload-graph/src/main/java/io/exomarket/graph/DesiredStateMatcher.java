package io.exomarket.graph;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a live object already has every field a rendered template sets, so the operator updates
 * only on a real difference and defaults added by the API server or other controllers never cause
 * an update loop. Maps compare as subsets, lists element by element with equal length, numbers by
 * value, quantities by value ("1000m" = "1", "1Gi" = "1073741824"), a string of digits equals the
 * number (targetPort), and of metadata only the labels and annotations the template sets.
 *
 * <p>JOSDK's GenericKubernetesResourceMatcher compares a JSON diff literally (no number or quantity
 * normalisation, extra list elements allowed) and needs a client Context: hence this one.
 */
public final class DesiredStateMatcher {
  private static final Set<String> IGNORED = Set.of("apiVersion", "kind", "status");
  private static final Pattern QUANTITY =
      Pattern.compile("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?$");
  private static final Pattern INTEGER = Pattern.compile("^-?\\d+$");

  private DesiredStateMatcher() {}

  public static boolean matches(Map<String, ?> desired, Map<String, ?> live) {
    return firstDifference(desired, live).isEmpty();
  }

  /** The path of the first field the template sets that the live object does not have as set. */
  public static Optional<String> firstDifference(Map<String, ?> desired, Map<String, ?> live) {
    for (Map.Entry<String, ?> entry : desired.entrySet()) {
      String key = entry.getKey();
      if (IGNORED.contains(key)) continue;
      Optional<String> difference =
          key.equals("metadata")
              ? metadataDifference(entry.getValue(), live.get("metadata"))
              : difference(key, entry.getValue(), live.get(key));
      if (difference.isPresent()) return difference;
    }
    return Optional.empty();
  }

  private static Optional<String> metadataDifference(Object desired, Object live) {
    if (!(desired instanceof Map<?, ?> meta)) return Optional.empty();
    Map<?, ?> liveMeta = live instanceof Map<?, ?> m ? m : Map.of();
    for (String field : List.of("labels", "annotations")) {
      Optional<String> difference =
          difference("metadata." + field, meta.get(field), liveMeta.get(field));
      if (difference.isPresent()) return difference;
    }
    return Optional.empty();
  }

  private static Optional<String> difference(String path, Object desired, Object live) {
    if (desired == null) return Optional.empty();
    if (desired instanceof Map<?, ?> map) {
      if (live == null && map.isEmpty()) return Optional.empty();
      if (!(live instanceof Map<?, ?> liveMap)) return Optional.of(path);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Optional<String> difference =
            difference(path + "." + entry.getKey(), entry.getValue(), liveMap.get(entry.getKey()));
        if (difference.isPresent()) return difference;
      }
      return Optional.empty();
    }
    if (desired instanceof List<?> list) {
      if (live == null && list.isEmpty()) return Optional.empty();
      if (!(live instanceof List<?> liveList) || liveList.size() != list.size())
        return Optional.of(path);
      for (int i = 0; i < list.size(); i++) {
        Optional<String> difference =
            difference(path + "[" + i + "]", list.get(i), liveList.get(i));
        if (difference.isPresent()) return difference;
      }
      return Optional.empty();
    }
    return scalarEquals(desired, live) ? Optional.empty() : Optional.of(path);
  }

  static boolean scalarEquals(Object desired, Object live) {
    if (desired.equals(live)) return true;
    Optional<BigDecimal> a = numeric(desired);
    Optional<BigDecimal> b = numeric(live);
    if (a.isPresent() && b.isPresent()) return a.get().compareTo(b.get()) == 0;
    if (desired instanceof String s && live instanceof String t && isQuantity(s) && isQuantity(t)) {
      return Quantity.getAmountInBytes(new Quantity(s))
              .compareTo(Quantity.getAmountInBytes(new Quantity(t)))
          == 0;
    }
    return false;
  }

  /** Numbers, and strings of digits (Kubernetes accepts either for int-or-string fields). */
  private static Optional<BigDecimal> numeric(Object value) {
    if (value instanceof Number number) return Optional.of(new BigDecimal(number.toString()));
    if (value instanceof String text && INTEGER.matcher(text).matches())
      return Optional.of(new BigDecimal(text));
    return Optional.empty();
  }

  private static boolean isQuantity(String text) {
    return QUANTITY.matcher(text).matches();
  }
}
