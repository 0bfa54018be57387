package io.exomarket.testkit.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CRUD dispatcher with discovery ({@code /version}, {@code /api}, {@code /apis}, group
 * versions) answered in front of it, so that kubectl can talk to the mock; and a status write based
 * on an older resourceVersion refused with 409, as a real API server does.
 */
final class DiscoveryDispatcher extends KubernetesCrudDispatcher {
  private static final String STATUS = "/status";
  private static final Map<String, List<String[]>> RESOURCES = new LinkedHashMap<>();

  static {
    // group/version -> {plural, singular, kind, namespaced, shortNames}
    RESOURCES.put(
        "v1",
        List.of(
            r("namespaces", "Namespace", false, "ns"),
            r("pods", "Pod", true, "po"),
            r("secrets", "Secret", true, ""),
            r("configmaps", "ConfigMap", true, "cm"),
            r("services", "Service", true, "svc"),
            r("events", "Event", true, "ev"),
            r("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"),
            r("resourcequotas", "ResourceQuota", true, "quota"),
            r("serviceaccounts", "ServiceAccount", true, "sa")));
    RESOURCES.put(
        "apps/v1",
        List.of(
            r("statefulsets", "StatefulSet", true, "sts"),
            r("deployments", "Deployment", true, "deploy")));
    RESOURCES.put(
        "networking.k8s.io/v1",
        List.of(
            r("networkpolicies", "NetworkPolicy", true, "netpol"),
            r("ingresses", "Ingress", true, "ing")));
    RESOURCES.put(
        "batch/v1", List.of(r("jobs", "Job", true, ""), r("cronjobs", "CronJob", true, "cj")));
    RESOURCES.put(
        "policy/v1",
        List.<String[]>of(r("poddisruptionbudgets", "PodDisruptionBudget", true, "pdb")));
    // The kinds of the CloudNativePG sample's CRDs (deploy/samples/third-party-crds), which tests
    // install: the mock stores any kind, but discovery is static.
    RESOURCES.put(
        "postgresql.cnpg.io/v1",
        List.of(
            r("clusters", "Cluster", true, ""),
            r("scheduledbackups", "ScheduledBackup", true, ""),
            r("poolers", "Pooler", true, "")));
    RESOURCES.put("coordination.k8s.io/v1", List.<String[]>of(r("leases", "Lease", true, "")));
    RESOURCES.put("events.k8s.io/v1", List.<String[]>of(r("events", "Event", true, "ev")));
    RESOURCES.put(
        "apiextensions.k8s.io/v1",
        List.<String[]>of(
            r("customresourcedefinitions", "CustomResourceDefinition", false, "crd,crds")));
    RESOURCES.put(
        "marketplace.exomarket.io/v1alpha1",
        List.of(
            r("managedserviceinstances", "ManagedServiceInstance", true, "msi"),
            r("serviceofferings", "ServiceOffering", false, "offering")));
  }

  DiscoveryDispatcher() {
    super();
  }

  private static String[] r(String plural, String kind, boolean namespaced, String shortNames) {
    return new String[] {plural, kind, Boolean.toString(namespaced), shortNames};
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    int q = path.indexOf('?');
    String p = q < 0 ? path : path.substring(0, q);
    if (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    if ("POST".equals(request.getMethod()) && p.endsWith("/selfsubjectaccessreviews")) {
      return allowed(request);
    }
    if ("PUT".equals(request.getMethod()) && p.endsWith(STATUS)) {
      MockResponse conflict =
          staleStatusWrite(p.substring(0, p.length() - STATUS.length()), request);
      if (conflict != null) {
        return conflict;
      }
    }
    if ("GET".equals(request.getMethod())) {
      String body = discovery(p);
      if (body != null) {
        return new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "application/json")
            .setBody(body);
      }
    }
    return super.dispatch(request);
  }

  /**
   * The mock's status PUT keeps the stored resourceVersion, so it never conflicts: a status
   * computed from a stale view would land, where a real API server answers 409 (the operator's
   * exactly-once usage ledger relies on that). Null when the write may go on.
   */
  private MockResponse staleStatusWrite(String objectPath, RecordedRequest request) {
    Map.Entry<AttributeSet, String> stored = findResource(getKey(objectPath));
    if (stored == null || request.getBody() == null) {
      return null;
    }
    String sent = versionOf(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
    String current = versionOf(stored.getValue());
    if (sent.isEmpty() || sent.equals(current)) {
      return null; // no resourceVersion sent is an unconditional write, as on a real API server
    }
    return new MockResponse()
        .setResponseCode(409)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Operation cannot be fulfilled: the object has been modified; please"
                + " apply your changes to the latest version and try again\",\"reason\":\"Conflict\","
                + "\"code\":409}");
  }

  private static String versionOf(String json) {
    try {
      return Serialization.jsonMapper()
          .readTree(json)
          .path("metadata")
          .path("resourceVersion")
          .asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /** The mock has no RBAC: every access review is answered allowed (the real tier checks RBAC). */
  private static MockResponse allowed(RecordedRequest request) {
    String review = request.getBody().readUtf8();
    String answered =
        review.replaceFirst("\\}\\s*$", ",\"status\":{\"allowed\":true,\"reason\":\"mock\"}}");
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Content-Type", "application/json")
        .setBody(answered);
  }

  private static String discovery(String p) {
    switch (p) {
      case "/version":
        return "{\"major\":\"1\",\"minor\":\"34\",\"gitVersion\":\"v1.34.0-fabric8-mock\",\"platform\":\"linux/amd64\"}";
      case "/api":
        return "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
            + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1\"}]}";
      case "/apis":
        return "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
            + RESOURCES.keySet().stream()
                .filter(gv -> gv.contains("/"))
                .map(
                    gv -> {
                      String group = gv.substring(0, gv.indexOf('/'));
                      String gvJson =
                          "{\"groupVersion\":\""
                              + gv
                              + "\",\"version\":\""
                              + gv.substring(gv.indexOf('/') + 1)
                              + "\"}";
                      return "{\"name\":\""
                          + group
                          + "\",\"versions\":["
                          + gvJson
                          + "],\"preferredVersion\":"
                          + gvJson
                          + "}";
                    })
                .collect(Collectors.joining(","))
            + "]}";
      default:
        String gv =
            p.startsWith("/api/") ? p.substring(5) : p.startsWith("/apis/") ? p.substring(6) : null;
        if (gv == null || !RESOURCES.containsKey(gv)) {
          return null;
        }
        return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
            + gv
            + "\",\"resources\":["
            + RESOURCES.get(gv).stream()
                .map(DiscoveryDispatcher::resourceJson)
                .collect(Collectors.joining(","))
            + "]}";
    }
  }

  private static String resourceJson(String[] r) {
    String shortNames =
        r[3].isEmpty()
            ? ""
            : ",\"shortNames\":["
                + java.util.Arrays.stream(r[3].split(","))
                    .map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(","))
                + "]";
    String main =
        "{\"name\":\""
            + r[0]
            + "\",\"singularName\":\""
            + r[1].toLowerCase()
            + "\",\"namespaced\":"
            + r[2]
            + ",\"kind\":\""
            + r[1]
            + "\",\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\","
            + "\"update\",\"watch\"]"
            + shortNames
            + "}";
    boolean hasStatus = r[0].equals("managedserviceinstances") || r[0].equals("statefulsets");
    return hasStatus
        ? main
            + ",{\"name\":\""
            + r[0]
            + "/status\",\"singularName\":\"\",\"namespaced\":"
            + r[2]
            + ",\"kind\":\""
            + r[1]
            + "\",\"verbs\":[\"get\",\"patch\",\"update\"]}"
        : main;
  }
}
