package io.exomarket.e2e.testing;

import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.testkit.env.KubeApi;
import io.exomarket.testkit.env.SystemEnvironment;
import io.exomarket.testkit.metering.MeteringSink;
import io.exomarket.testkit.webhook.DeliveryNoteReceiver;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
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
import org.awaitility.core.ConditionTimeoutException;

/**
 * One system under test: the testkit's {@link SystemEnvironment} (a Kubernetes API with the CRDs
 * and the sandbox offering, the metering sink, the delivery-note receiver and a simulated kubelet
 * in this JVM), with the operator and the adapter as separate processes ({@code java -cp <e2e
 * runtime classpath> OperatorMain / BrokerMain}) configured through their production environment
 * variables and driven only through HTTP and the Kubernetes API. {@code E2E_KUBE=apiserver} runs it
 * on a real etcd + kube-apiserver; {@code E2E_REAL_CLUSTER=true} on the cluster {@code KUBECONFIG}
 * names.
 */
public final class E2eEnvironment implements AutoCloseable {
  public static final String USER = "exoscale";
  public static final String PASSWORD = "e2e-password";
  public static final String PRODUCT = SystemEnvironment.PRODUCT;

  private final SystemEnvironment system;
  private final List<JavaProcess> processes = new ArrayList<>();

  public E2eEnvironment(Duration readyDelay, Duration meteringWindow) {
    this(readyDelay, meteringWindow, false);
  }

  /**
   * @param cloudNativePg also the CloudNativePG sample offering, with its simulated controller
   */
  public E2eEnvironment(Duration readyDelay, Duration meteringWindow, boolean cloudNativePg) {
    SystemEnvironment.Builder builder = SystemEnvironment.builder();
    if (cloudNativePg) {
      builder.cloudNativePg();
    }
    system =
        builder
            .kube(kube())
            .kubeconfig(Path.of("target", "e2e-kubeconfig-" + System.nanoTime()))
            .readyDelay(readyDelay)
            .operatorSetting("LOG_LEVEL", "INFO")
            .operatorSetting("METERING_WINDOW_SECONDS", Long.toString(meteringWindow.toSeconds()))
            .operatorSetting("METERING_SETTLE_SECONDS", "1")
            .operatorSetting(
                "METERING_MAX_RECHECK_SECONDS",
                Long.toString(Math.max(2, meteringWindow.toSeconds() / 2)))
            .operatorSetting("METERING_DELETION_GIVE_UP_SECONDS", "60")
            .operatorSetting("GRACEFUL_SHUTDOWN_SECONDS", "5")
            .start();
  }

  /**
   * {@code E2E_KUBE=apiserver}: etcd + kube-apiserver; {@code E2E_REAL_CLUSTER=true}: KUBECONFIG.
   */
  private static KubeApi.Kind kube() {
    if ("apiserver".equalsIgnoreCase(System.getenv("E2E_KUBE"))) {
      return KubeApi.Kind.APISERVER;
    }
    if ("true".equalsIgnoreCase(System.getenv("E2E_REAL_CLUSTER"))
        && System.getenv("KUBECONFIG") != null) {
      return KubeApi.Kind.EXISTING;
    }
    return KubeApi.Kind.MOCK;
  }

  public KubernetesClient client() {
    return system.client();
  }

  public MeteringSink sink() {
    return system.sink();
  }

  public DeliveryNoteReceiver deliveryNotes() {
    return system.deliveryNotes();
  }

  /** Starts an operator process and waits for its /healthz. */
  public JavaProcess startOperator() {
    int port = freePort();
    Map<String, String> env = new HashMap<>(system.operatorEnvironment());
    env.put("OPERATOR_HTTP_PORT", Integer.toString(port));
    JavaProcess p = JavaProcess.start("operator", "io.exomarket.operator.OperatorMain", env);
    processes.add(p);
    awaitHttp200(p, "http://127.0.0.1:" + port + "/healthz");
    return p;
  }

  /** An adapter process on {@code port} (0 = a free one); returns once /readyz answers 200. */
  public Adapter startAdapter(int port) {
    int actual = port == 0 ? freePort() : port;
    Map<String, String> env = new HashMap<>(system.brokerEnvironment(actual, USER, PASSWORD));
    // The async scenarios check the 202 + polling path: no grace for a fast synchronous answer.
    env.put("BROKER_ASYNC_GRACE", "0s");
    JavaProcess p = JavaProcess.start("adapter", "io.exomarket.broker.BrokerMain", env);
    processes.add(p);
    String url = "http://127.0.0.1:" + actual;
    awaitHttp200(p, url + "/readyz");
    return new Adapter(p, url, new Osb(url, USER, PASSWORD));
  }

  public record Adapter(JavaProcess process, String url, Osb osb) {}

  public ManagedServiceInstance instance(String instanceId) {
    return client()
        .resources(ManagedServiceInstance.class)
        .inAnyNamespace()
        .list()
        .getItems()
        .stream()
        .filter(m -> instanceId.equals(m.getSpec().getInstanceId()))
        .findFirst()
        .orElse(null);
  }

  public List<ManagedServiceInstance> instances() {
    return client().resources(ManagedServiceInstance.class).inAnyNamespace().list().getItems();
  }

  /**
   * Waits until no instance is left; a timeout names each one left (its deletion, finalizers, state
   * and conditions) and the WARN and ERROR lines of the operators' logs, so that a failure on CI,
   * where the process logs are not kept, says where the deletion stopped.
   */
  public void awaitNoInstanceLeft(Duration atMost) {
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> instances().isEmpty());
    } catch (ConditionTimeoutException e) {
      StringBuilder report = new StringBuilder("instances left after " + atMost + ":");
      for (ManagedServiceInstance m : instances()) {
        report
            .append("\n  ")
            .append(m.getMetadata().getNamespace())
            .append('/')
            .append(m.getMetadata().getName())
            .append(" deletionTimestamp=")
            .append(m.getMetadata().getDeletionTimestamp())
            .append(" finalizers=")
            .append(m.getMetadata().getFinalizers())
            .append(" state=")
            .append(m.getStatus() == null ? null : m.getStatus().getState())
            .append(" conditions=")
            .append(m.getStatus() == null ? null : m.getStatus().getConditions());
      }
      for (JavaProcess p : processes) {
        if (p.name().equals("operator")) {
          report.append("\n").append(p).append(", WARN and ERROR lines:");
          p.log()
              .lines()
              .filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
              .forEach(l -> report.append("\n  ").append(l));
        }
      }
      throw new AssertionError(report.toString(), e);
    }
  }

  private static void awaitHttp200(JavaProcess p, String url) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!p.alive()) {
                throw new AssertionError(p + " exited:\n" + p.log());
              }
              try {
                return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
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
    system.close();
  }
}
