package io.exomarket.e2e.testing;

import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.e2e.MockApiServer;
import io.exomarket.e2e.RealControlPlane;
import io.exomarket.operator.metering.sink.MeteringSink;
import io.exomarket.operator.sim.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One system under test: a Kubernetes API (the fabric8 mock served over HTTP by this JVM, or the
 * cluster {@code KUBECONFIG} names when {@code E2E_REAL_CLUSTER=true}), the CRDs and the sandbox
 * offering, a metering sink and a simulated kubelet in this JVM; the operator and the adapter run
 * as separate processes ({@code java -cp <e2e runtime classpath> OperatorMain / BrokerMain}) and
 * are driven only through HTTP and the Kubernetes API.
 */
public final class E2eEnvironment implements AutoCloseable {
  public static final String USER = "exoscale";
  public static final String PASSWORD = "e2e-password";
  public static final String PRODUCT = "acme-db";
  private static final String SYSTEM_NS = "exomarket-system";

  /**
   * {@code E2E_KUBE=apiserver}: a real etcd + kube-apiserver started for the environment through
   * kube-api-test ({@link RealControlPlane}); no kubelet or controllers run there, the simulated
   * kubelet does.
   */
  public static boolean ownApiServer() {
    return "apiserver".equalsIgnoreCase(System.getenv("E2E_KUBE"));
  }

  /** The switch for a real cluster: off by default. */
  public static boolean realCluster() {
    return "true".equalsIgnoreCase(System.getenv("E2E_REAL_CLUSTER")) && System.getenv("KUBECONFIG") != null;
  }

  private final MockApiServer mock;
  private final RealControlPlane plane;
  private final KubernetesClient client;
  private final String kubeconfig;
  private final MeteringSink sink;
  private final SimulatedKubelet kubelet;
  private final Map<String, String> operatorEnv = new HashMap<>();
  private final List<JavaProcess> processes = new ArrayList<>();

  public E2eEnvironment(Duration readyDelay, Duration meteringWindow) {
    if (ownApiServer()) {
      mock = null;
      plane = RealControlPlane.start();
      client = plane.adminClient();
      kubeconfig = plane.writeKubeconfig(Path.of("target", "e2e-kubeconfig-" + System.nanoTime()).toAbsolutePath()).toString();
    } else if (realCluster()) {
      mock = null;
      plane = null;
      kubeconfig = System.getenv("KUBECONFIG");
      client = new KubernetesClientBuilder().build();
      for (String crd : MockApiServer.CRDS) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(crd)) {
          client.resource(Serialization.unmarshal(in,
              io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).createOr(r -> r.update());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    } else {
      plane = null;
      mock = MockApiServer.start(0);
      client = mock.newClient();
      kubeconfig = mock.writeKubeconfig(Path.of("target", "e2e-kubeconfig-" + System.nanoTime())).toString();
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("sandbox-offering.yaml")) {
      client.resource(Serialization.unmarshal(in, ServiceOffering.class)).createOr(r -> r.update());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink = MeteringSink.start(0, "EXOe2ekey", "e2e-secret");
    client.resource(new NamespaceBuilder().withNewMetadata().withName(SYSTEM_NS).endMetadata().build())
        .createOr(r -> r.update());
    client.resource(new SecretBuilder().withNewMetadata().withName("metering-credentials").withNamespace(SYSTEM_NS)
        .endMetadata().addToStringData("key", "EXOe2ekey").addToStringData("secret", "e2e-secret").build())
        .createOr(r -> r.update());
    kubelet = SimulatedKubelet.start(client, readyDelay);
    operatorEnv.put("KUBECONFIG", kubeconfig);
    operatorEnv.put("LOG_LEVEL", "INFO");
    operatorEnv.put("METERING_ENDPOINT", sink.url().toString());
    operatorEnv.put("METERING_PRODUCT", PRODUCT);
    operatorEnv.put("METERING_SECRET_NAMESPACE", SYSTEM_NS);
    operatorEnv.put("METERING_WINDOW_SECONDS", Long.toString(meteringWindow.toSeconds()));
    operatorEnv.put("METERING_SETTLE_SECONDS", "1");
    operatorEnv.put("METERING_MAX_RECHECK_SECONDS", Long.toString(Math.max(2, meteringWindow.toSeconds() / 2)));
    operatorEnv.put("METERING_DELETION_GIVE_UP_SECONDS", "60");
    operatorEnv.put("GRACEFUL_SHUTDOWN_SECONDS", "5");
  }

  public KubernetesClient client() {
    return client;
  }

  public MeteringSink sink() {
    return sink;
  }

  /** Starts an operator process and waits for its /healthz. */
  public JavaProcess startOperator() {
    int port = freePort();
    Map<String, String> env = new HashMap<>(operatorEnv);
    env.put("OPERATOR_HTTP_PORT", Integer.toString(port));
    JavaProcess p = JavaProcess.start("operator", "io.exomarket.operator.OperatorMain", env);
    processes.add(p);
    awaitHttp200(p, "http://127.0.0.1:" + port + "/healthz");
    return p;
  }

  /** An adapter process on {@code port} (0 = a free one); returns once /readyz answers 200. */
  public Adapter startAdapter(int port) {
    int actual = port == 0 ? freePort() : port;
    Map<String, String> env = new HashMap<>();
    env.put("KUBECONFIG", kubeconfig);
    env.put("BROKER_HOST", "127.0.0.1");
    env.put("BROKER_PORT", Integer.toString(actual));
    env.put("BROKER_USERNAME", USER);
    env.put("BROKER_PASSWORD", PASSWORD);
    env.put("BROKER_SYNC_TIMEOUT", "30s");
    env.put("BROKER_RETRY_AFTER", "1s");
    env.put("BROKER_SHUTDOWN_TIMEOUT", "10s");
    JavaProcess p = JavaProcess.start("adapter", "io.exomarket.broker.BrokerMain", env);
    processes.add(p);
    String url = "http://127.0.0.1:" + actual;
    awaitHttp200(p, url + "/readyz");
    return new Adapter(p, url, new Osb(url, USER, PASSWORD));
  }

  public record Adapter(JavaProcess process, String url, Osb osb) {}

  public ManagedServiceInstance instance(String instanceId) {
    return client.resources(ManagedServiceInstance.class).inAnyNamespace().list().getItems().stream()
        .filter(m -> instanceId.equals(m.getSpec().getInstanceId())).findFirst().orElse(null);
  }

  public List<ManagedServiceInstance> instances() {
    return client.resources(ManagedServiceInstance.class).inAnyNamespace().list().getItems();
  }

  private static void awaitHttp200(JavaProcess p, String url) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!p.alive()) {
        throw new AssertionError(p + " exited:\n" + p.log());
      }
      try {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (JavaProcess p : processes) {
      p.close();
    }
    kubelet.close();
    sink.close();
    client.close();
    if (mock != null) {
      mock.close();
    }
    if (plane != null) {
      plane.close();
    }
  }
}
