package io.exomarket.e2e.sandbox;

import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.BrokerConfig;
import io.exomarket.broker.BrokerServer;
import io.exomarket.broker.Credentials;
import io.exomarket.e2e.MockApiServer;
import io.exomarket.e2e.RealControlPlane;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.DeliverySettings;
import io.exomarket.operator.OperatorConfig;
import io.exomarket.operator.UsageSettings;
import io.exomarket.operator.metering.client.ApiVariant;
import io.exomarket.operator.metering.sink.MeteringSink;
import io.exomarket.operator.sim.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine: a Kubernetes API (the fabric8 mock, or a real API server), the
 * CRDs and a sample offering, the operator, the OSB adapter, a metering sink that checks signatures
 * and keeps what it receives, and a simulated kubelet. Prints how to use it, writes
 * {@code endpoints.json} and prints {@code sandbox ready}; Ctrl-C stops everything.
 *
 * <p>Environment: {@code SANDBOX_DIR} (.sandbox), {@code SANDBOX_OSB_PORT} (8080; 0 = free port),
 * {@code SANDBOX_OSB_USER} (sandbox), {@code SANDBOX_OSB_PASSWORD} (random), {@code SANDBOX_KUBE}
 * (auto: etcd + kube-apiserver through kube-api-test when the control-plane binaries exist, else
 * the mock | apiserver: the same, required | mock | real: the API server of {@code KUBECONFIG}),
 * {@code SANDBOX_KUBE_PORT} (0, the mock's port),
 * {@code SANDBOX_READY_DELAY_MS} (2000: how long a workload takes to become ready), {@code
 * SANDBOX_METERING_WINDOW_SECONDS} (60).
 */
public final class Sandbox implements AutoCloseable {
  public static final String SERVICE_ID = "9f3a1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5b";
  public static final String PRODUCT = "acme-db";
  static final String SYSTEM_NAMESPACE = "exomarket-system";
  static final String METERING_SECRET = "metering-credentials";

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Map<String, String> env;

  private Path dir;
  private KubernetesClient client;
  private String kubeconfig;
  private MeteringSink sink;
  private DeliveryNoteReceiver deliveryNotes;
  private BrokerServer broker;
  private String osbUser;
  private String osbPassword;
  /** A real API server prints the CRD's columns; the mock serves no Table, so name them. */
  private boolean serverSideColumns;
  private static final String MOCK_COLUMNS = " -o custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,"
      + "PLAN:.spec.planId,SUSPENDED:.spec.suspended,STATE:.status.state";

  private Sandbox(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) throws InterruptedException {
    Sandbox sandbox = new Sandbox(System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nstopping the sandbox ...");
      sandbox.close();
      System.out.println("sandbox stopped");
      stopped.countDown();
    }, "sandbox-shutdown"));
    try {
      sandbox.start();
    } catch (RuntimeException e) {
      System.err.println("sandbox failed to start: " + e);
      e.printStackTrace();
      System.exit(1);
    }
    stopped.await();
  }

  void start() {
    dir = Path.of(env.getOrDefault("SANDBOX_DIR", ".sandbox")).toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve("endpoints.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String kube = env.getOrDefault("SANDBOX_KUBE", "auto");
    switch (kube) {
      case "auto" -> {
        Optional<Path> binaries = RealControlPlane.binaryDir();
        if (binaries.isPresent()) {
          startControlPlane(binaries.get());
        } else {
          System.out.println("Kubernetes API: no control-plane binaries under " + RealControlPlane.searchedLocation()
              + " (build them with e2e/control-plane/build.sh), falling back to the fabric8 mock server");
          startMock();
        }
      }
      case "apiserver" -> startControlPlane(RealControlPlane.binaryDir().orElseThrow(() -> new IllegalStateException(
          "SANDBOX_KUBE=apiserver needs the control-plane binaries under " + RealControlPlane.searchedLocation()
              + " (build them with e2e/control-plane/build.sh)")));
      case "mock" -> startMock();
      case "real" -> {
        // A real API server: the one KUBECONFIG points at (any cluster, or kube-apiserver + etcd
        // started by hand).
        kubeconfig = env.get("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isBlank()) {
          throw new IllegalStateException("SANDBOX_KUBE=real needs KUBECONFIG pointing at an API server");
        }
        client = new KubernetesClientBuilder().build();
        resources.push(client);
        installCrds(client);
        serverSideColumns = true;
        System.out.println("Kubernetes API: " + client.getMasterUrl() + " (from KUBECONFIG)");
      }
      default -> throw new IllegalArgumentException("SANDBOX_KUBE must be auto, apiserver, mock or real, got " + kube);
    }
    loadOffering();

    String key = "EXO" + hex(12);
    String secret = hex(20);
    sink = MeteringSink.start(0, key, secret);
    resources.push(sink);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(SYSTEM_NAMESPACE).endMetadata().build())
        .createOr(r -> r.update());
    client.resource(new SecretBuilder().withNewMetadata().withName(METERING_SECRET).withNamespace(SYSTEM_NAMESPACE)
            .endMetadata().addToStringData("key", key).addToStringData("secret", secret).build())
        .createOr(r -> r.update());

    long windowSeconds = Long.parseLong(env.getOrDefault("SANDBOX_METERING_WINDOW_SECONDS", "60"));
    UsageSettings usage = new UsageSettings(sink.url(), ApiVariant.PARTNER, PRODUCT, SYSTEM_NAMESPACE,
        METERING_SECRET, Duration.ofSeconds(windowSeconds), Duration.ofSeconds(Math.min(5, windowSeconds / 4)),
        Duration.ofSeconds(Math.max(5, windowSeconds / 2)), Duration.ofSeconds(10), Duration.ofMinutes(5), true,
        Duration.ofMinutes(5));
    deliveryNotes = DeliveryNoteReceiver.start();
    resources.push(deliveryNotes);
    ExomarketOperator operator = ExomarketOperator.start(client, OperatorConfig.defaults().withHttpPort(0).withUsage(usage)
        .withDelivery(DeliverySettings.to(URI.create(deliveryNotes.url()))));
    resources.push(operator);

    Duration readyDelay = Duration.ofMillis(Long.parseLong(env.getOrDefault("SANDBOX_READY_DELAY_MS", "2000")));
    resources.push(SimulatedKubelet.start(client, readyDelay));

    osbUser = env.getOrDefault("SANDBOX_OSB_USER", "sandbox");
    osbPassword = env.getOrDefault("SANDBOX_OSB_PASSWORD", hex(12));
    BrokerConfig base = BrokerConfig.forTests(osbUser, osbPassword);
    BrokerConfig config = new BrokerConfig("127.0.0.1", Integer.parseInt(env.getOrDefault("SANDBOX_OSB_PORT", "8080")),
        new Credentials(osbUser, osbPassword), Duration.ofSeconds(30), null, null, "PKCS12", base.namespacePrefix(),
        base.maxBodyBytes(), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    broker = BrokerServer.start(client, config);
    resources.push(broker);

    writeEndpoints();
    System.out.println(usageText(operator.httpPort(), readyDelay, windowSeconds));
    System.out.println("sandbox ready (" + dir.resolve("endpoints.json") + ")");
  }

  private void startMock() {
    MockApiServer mock = MockApiServer.start(Integer.parseInt(env.getOrDefault("SANDBOX_KUBE_PORT", "0")));
    resources.push(mock);
    client = mock.newClient();
    resources.push(client);
    kubeconfig = mock.writeKubeconfig(dir.resolve("kubeconfig")).toString();
    System.out.println("Kubernetes API: fabric8 mock server (CRUD mode) at " + mock.url());
  }

  /** etcd + kube-apiserver through kube-api-test, offline; no kubelet nor controllers run there. */
  private void startControlPlane(Path binaries) {
    System.out.println("Kubernetes API: starting etcd + kube-apiserver from " + binaries + " (kube-api-test, offline) ...");
    RealControlPlane plane = RealControlPlane.start(binaries);
    serverSideColumns = true;
    resources.push(plane);
    client = plane.adminClient();
    kubeconfig = plane.writeKubeconfig(dir.resolve("kubeconfig")).toString();
    System.out.println("Kubernetes API: kube-apiserver " + plane.version() + " at " + plane.url()
        + " (no kubelet or controllers: the simulated kubelet makes workloads ready)");
  }

  private void loadOffering() {
    try (InputStream in = Sandbox.class.getClassLoader().getResourceAsStream("sandbox-offering.yaml")) {
      ServiceOffering offering = Serialization.unmarshal(in, ServiceOffering.class);
      client.resource(offering).createOr(r -> r.update());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void installCrds(KubernetesClient client) {
    for (String crd : MockApiServer.CRDS) {
      try (InputStream in = Sandbox.class.getClassLoader().getResourceAsStream(crd)) {
        client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).createOr(r -> r.update());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void writeEndpoints() {
    String json = """
        {
          "osbUrl": "%s",
          "osbUser": "%s",
          "osbPassword": "%s",
          "kubeconfig": "%s",
          "meteringUrl": "%s",
          "meteringReports": "%s/reports",
          "deliveryNotes": "%s"
        }
        """.formatted(osbUrl(), osbUser, osbPassword, kubeconfig, sink.url(), sink.url(), deliveryNotes.url());
    try {
      Path tmp = dir.resolve("endpoints.json.tmp");
      Files.writeString(tmp, json);
      Files.move(tmp, dir.resolve("endpoints.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String osbUrl() {
    return "http://127.0.0.1:" + broker.port();
  }

  private String usageText(int operatorPort, Duration readyDelay, long windowSeconds) {
    String org = UUID.randomUUID().toString();
    String id = UUID.randomUUID().toString();
    String h = "curl -s -u '" + osbUser + ":" + osbPassword + "' -H 'X-Broker-API-Version: 2.17'"
        + " -H 'Content-Type: application/json'";
    String instance = osbUrl() + "/v2/service_instances/" + id;
    String users1 = "{\"users\": [{\"email\": \"owner@acme.example\", \"full_name\": \"Ada Owner\", \"role\": \"owner\"}]}";
    String users2 = "{\"users\": [{\"email\": \"owner@acme.example\", \"full_name\": \"Ada Owner\", \"role\": \"owner\"},"
        + " {\"email\": \"tech@acme.example\", \"full_name\": \"Tim Tech\", \"role\": \"tech\"}]}";
    String provision = "{\"service_id\": \"" + SERVICE_ID + "\", \"plan_id\": \"plan-small\", \"organization_guid\": \""
        + org + "\", \"space_guid\": \"" + org + "\", \"parameters\": " + users1
        + ", \"context\": {\"platform\": \"exoscale\", \"organization_guid\": \"" + org + "\", \"space_guid\": \"" + org
        + "\", \"organization_name\": \"acme\", \"organization_display_name\": \"ACME SA\"}}";
    String patch = "{\"service_id\": \"" + SERVICE_ID + "\", \"plan_id\": \"%s\"%s}";
    return """

        ================================ exomarket sandbox ================================
        OSB endpoint     %s   (user %s, password %s)
        kubeconfig       %s
        metering sink    %s   (received reports: %s/reports)
        delivery notes   %s   (the vendor webhook; GET lists the notes)
        operator         http://127.0.0.1:%d/metrics
        offering         acme-db (%s): plans plan-small, plan-large; suspension plan plan-suspended
        workloads become ready after %d ms; usage is reported per %d s window

        # catalog
        %s %s/v2/catalog

        # provision (synchronous, as Exoscale calls it; add ?accepts_incomplete=true for async)
        %s -X PUT %s \\
          -d '%s'

        # user sync (the full list)
        %s -X PATCH %s \\
          -d '%s'

        # suspend (the technical suspension plan), then resume (back to a normal plan)
        %s -X PATCH %s -d '%s'
        %s -X PATCH %s -d '%s'

        # deprovision
        %s -X DELETE '%s?service_id=%s&plan_id=plan-small'

        # look inside
        kubectl --kubeconfig %s get msi -A%s
        curl -s %s/reports
        curl -s %s
        ====================================================================================
        """.formatted(
            osbUrl(), osbUser, osbPassword, kubeconfig, sink.url(), sink.url(), deliveryNotes.url(), operatorPort,
            SERVICE_ID,
            readyDelay.toMillis(), windowSeconds,
            h, osbUrl(),
            h, instance, provision,
            h, instance, patch.formatted("plan-small", ", \"parameters\": " + users2),
            h, instance, patch.formatted("plan-suspended", ""),
            h, instance, patch.formatted("plan-small", ""),
            h, instance, SERVICE_ID,
            kubeconfig, serverSideColumns ? "" : MOCK_COLUMNS, sink.url(), deliveryNotes.url());
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        System.err.println("closing " + r.getClass().getSimpleName() + ": " + e);
      }
    }
    if (dir != null) {
      try {
        Files.deleteIfExists(dir.resolve("endpoints.json"));
      } catch (IOException e) {
        // best effort
      }
    }
  }
}
