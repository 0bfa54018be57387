package io.exomarket.bench;

import java.util.Map;

/**
 * Who asked for a request, so that the figure compared is the client's own: the simulated kubelet
 * (the StatefulSet controller's stand-in), the API server itself (admission, IP allocation, its
 * lease), the platform (the benchmark's own create and delete of each instance), or the client
 * under test (the operator, or the bare client).
 */
public final class Attribution {
  private static final String PLATFORM = "MSI create/delete: the platform's";

  private static final Map<String, String> OTHERS =
      Map.ofEntries(
          Map.entry("GET statefulsets", "simulated kubelet"),
          Map.entry("PATCH statefulsets/status", "simulated kubelet"),
          Map.entry("GET persistentvolumeclaims", "simulated kubelet"),
          Map.entry("POST persistentvolumeclaims", "simulated kubelet"),
          Map.entry("LIST limitranges", "API server"),
          Map.entry("POST ipaddresses", "API server"),
          Map.entry("DELETE ipaddresses", "API server"),
          Map.entry("GET endpoints", "API server"),
          Map.entry("GET endpointslices", "API server"),
          Map.entry("PUT leases", "API server"),
          Map.entry("POST managedserviceinstances", PLATFORM),
          Map.entry("DELETE managedserviceinstances", PLATFORM));

  private Attribution() {}

  /** Who else asked, or null for the client under test. */
  public static String other(String key) {
    return OTHERS.get(key);
  }

  /** The requests of the client under test alone. */
  public static RequestCounts own(RequestCounts counts) {
    return counts.only(key -> other(key) == null);
  }

  /** The same where the client under test is the platform (the adapter, a bare MSI writer). */
  public static RequestCounts ownWithInstances(RequestCounts counts) {
    return counts.only(key -> other(key) == null || PLATFORM.equals(other(key)));
  }
}
