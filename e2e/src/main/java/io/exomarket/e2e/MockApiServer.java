package io.exomarket.e2e;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fabric8 mock API server in CRUD mode, made usable by other processes and by kubectl: served on
 * a fixed or free loopback port, discovery documents answered in front of the CRUD dispatcher, the
 * recorded-request queue drained (a long-running mock otherwise keeps every request in memory), our
 * CRDs installed first (so that {@code status} is a subresource), and a kubeconfig file written for
 * it.
 */
public final class MockApiServer implements AutoCloseable {
  public static final List<String> CRDS = List.of(
      "META-INF/fabric8/managedserviceinstances.marketplace.exomarket.io-v1.yml",
      "META-INF/fabric8/serviceofferings.marketplace.exomarket.io-v1.yml");

  /** The mock logs every request through java.util.logging; held strongly so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");
  private static final java.util.logging.Logger MOCK_LOG2 = quiet("io.fabric8.kubernetes.client.server.mock");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Thread drain;

  private MockApiServer(int port) {
    server = new KubernetesMockServer(
        new Context(Serialization.jsonMapper()),
        new io.fabric8.mockwebserver.MockWebServer(),
        new HashMap<>(),
        new DiscoveryDispatcher(),
        false);
    server.init(InetAddress.getLoopbackAddress(), port);
    drain = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          server.takeRequest();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "mock-request-drain");
    drain.setDaemon(true);
    drain.start();
    client = newClient();
    for (String crd : CRDS) {
      try (InputStream in = MockApiServer.class.getClassLoader().getResourceAsStream(crd)) {
        if (in == null) {
          throw new IllegalStateException("missing CRD on the classpath: " + crd);
        }
        client.apiextensions().v1().customResourceDefinitions()
            .resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** @param port 0 picks a free one */
  public static MockApiServer start(int port) {
    return new MockApiServer(port);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public KubernetesClient client() {
    return client;
  }

  /** A separate client with short timeouts (the mock never answers some failing requests). */
  public KubernetesClient newClient() {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace("default")
        .withTrustCerts(true)
        .withRequestTimeout(15_000)
        .withConnectionTimeout(5_000)
        .withRequestRetryBackoffLimit(0)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Writes a kubeconfig for this server (plain HTTP, no credentials) and returns its path. */
  public Path writeKubeconfig(Path file) {
    return writeKubeconfig(file, url());
  }

  public static Path writeKubeconfig(Path file, String serverUrl) {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: sandbox
          cluster:
            server: %s
        users:
        - name: sandbox
          user:
            token: sandbox
        contexts:
        - name: sandbox
          context:
            cluster: sandbox
            user: sandbox
            namespace: default
        current-context: sandbox
        """.formatted(serverUrl);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toAbsolutePath();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
    drain.interrupt();
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** Answers discovery ({@code /version}, {@code /api}, {@code /apis}, group versions); CRUD otherwise. */
  static final class DiscoveryDispatcher extends KubernetesCrudDispatcher {
    private static final Map<String, List<String[]>> RESOURCES = new LinkedHashMap<>();

    static {
      // group/version -> {plural, singular, kind, namespaced, shortNames}
      RESOURCES.put("v1", List.of(
          r("namespaces", "Namespace", false, "ns"), r("pods", "Pod", true, "po"),
          r("secrets", "Secret", true, ""), r("configmaps", "ConfigMap", true, "cm"),
          r("services", "Service", true, "svc"), r("events", "Event", true, "ev"),
          r("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"),
          r("resourcequotas", "ResourceQuota", true, "quota"),
          r("serviceaccounts", "ServiceAccount", true, "sa")));
      RESOURCES.put("apps/v1", List.of(
          r("statefulsets", "StatefulSet", true, "sts"), r("deployments", "Deployment", true, "deploy")));
      RESOURCES.put("networking.k8s.io/v1", List.<String[]>of(r("networkpolicies", "NetworkPolicy", true, "netpol")));
      RESOURCES.put("coordination.k8s.io/v1", List.<String[]>of(r("leases", "Lease", true, "")));
      RESOURCES.put("events.k8s.io/v1", List.<String[]>of(r("events", "Event", true, "ev")));
      RESOURCES.put("apiextensions.k8s.io/v1",
          List.<String[]>of(r("customresourcedefinitions", "CustomResourceDefinition", false, "crd,crds")));
      RESOURCES.put("marketplace.exomarket.io/v1alpha1", List.of(
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
      if ("GET".equals(request.getMethod())) {
        String body = discovery(p);
        if (body != null) {
          return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
        }
      }
      return super.dispatch(request);
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
              + RESOURCES.keySet().stream().filter(gv -> gv.contains("/")).map(gv -> {
                  String group = gv.substring(0, gv.indexOf('/'));
                  String gvJson = "{\"groupVersion\":\"" + gv + "\",\"version\":\"" + gv.substring(gv.indexOf('/') + 1) + "\"}";
                  return "{\"name\":\"" + group + "\",\"versions\":[" + gvJson + "],\"preferredVersion\":" + gvJson + "}";
                }).collect(Collectors.joining(","))
              + "]}";
        default:
          String gv = p.startsWith("/api/") ? p.substring(5) : p.startsWith("/apis/") ? p.substring(6) : null;
          if (gv == null || !RESOURCES.containsKey(gv)) {
            return null;
          }
          return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + gv + "\",\"resources\":["
              + RESOURCES.get(gv).stream().map(DiscoveryDispatcher::resourceJson).collect(Collectors.joining(","))
              + "]}";
      }
    }

    private static String resourceJson(String[] r) {
      String shortNames = r[3].isEmpty() ? "" : ",\"shortNames\":[" + java.util.Arrays.stream(r[3].split(","))
          .map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]";
      String main = "{\"name\":\"" + r[0] + "\",\"singularName\":\"" + r[1].toLowerCase() + "\",\"namespaced\":" + r[2]
          + ",\"kind\":\"" + r[1] + "\",\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\","
          + "\"update\",\"watch\"]" + shortNames + "}";
      boolean hasStatus = r[0].equals("managedserviceinstances") || r[0].equals("statefulsets");
      return hasStatus
          ? main + ",{\"name\":\"" + r[0] + "/status\",\"singularName\":\"\",\"namespaced\":" + r[2] + ",\"kind\":\"" + r[1]
              + "\",\"verbs\":[\"get\",\"patch\",\"update\"]}"
          : main;
    }
  }
}
