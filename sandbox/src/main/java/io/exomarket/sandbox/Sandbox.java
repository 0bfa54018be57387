package io.exomarket.sandbox;

import io.exomarket.broker.BrokerServer;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.testkit.env.KubeApi;
import io.exomarket.testkit.env.SystemEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine: the testkit's environment (a Kubernetes API with the CRDs and
 * the sample offering, the metering sink, the delivery-note receiver, the simulated kubelet) with
 * the operator and the OSB adapter in this JVM, configured through the same environment variables
 * as in production. Prints how to use it, writes {@code endpoints.json} and prints {@code sandbox
 * ready}; Ctrl-C stops everything.
 *
 * <p>Environment: {@code SANDBOX_DIR} (.sandbox), {@code SANDBOX_OSB_PORT} (8080; 0 = free port),
 * {@code SANDBOX_OSB_USER} (sandbox), {@code SANDBOX_OSB_PASSWORD} (random), {@code SANDBOX_KUBE}
 * (auto: etcd + kube-apiserver through kube-api-test when the control-plane binaries exist, else
 * the mock | apiserver: the same, required | mock | real: the API server of {@code KUBECONFIG}),
 * {@code SANDBOX_KUBE_PORT} (0, the mock's port), {@code SANDBOX_READY_DELAY_MS} (2000: how long a
 * workload takes to become ready), {@code SANDBOX_METERING_WINDOW_SECONDS} (60).
 */
public final class Sandbox implements AutoCloseable {
  public static final String SERVICE_ID = "9f3a1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5b";

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Map<String, String> env;

  private Path dir;
  private SystemEnvironment system;
  private BrokerServer broker;
  private String osbUser;
  private String osbPassword;

  /** A real API server prints the CRD's columns; the mock serves no Table, so name them. */
  private static final String MOCK_COLUMNS =
      " -o custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,"
          + "PLAN:.spec.planId,SUSPENDED:.spec.suspended,STATE:.status.state";

  private Sandbox(Map<String, String> env) {
    this.env = env;
  }

  /** Starts a sandbox configured by {@code env} (the variables above); close() stops it. */
  public static Sandbox start(Map<String, String> env) {
    Sandbox sandbox = new Sandbox(env);
    try {
      sandbox.start();
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  public static void main(String[] args) throws InterruptedException {
    Sandbox sandbox = new Sandbox(System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nstopping the sandbox ...");
                  sandbox.close();
                  System.out.println("sandbox stopped");
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    try {
      sandbox.start();
    } catch (RuntimeException e) {
      System.err.println("sandbox failed to start: " + e);
      e.printStackTrace();
      System.exit(1);
    }
    stopped.await();
  }

  private void start() {
    dir = Path.of(env.getOrDefault("SANDBOX_DIR", ".sandbox")).toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve("endpoints.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KubeApi.Kind kind = KubeApi.Kind.parse(env.getOrDefault("SANDBOX_KUBE", "auto"));
    if (kind != KubeApi.Kind.MOCK) {
      System.out.println("Kubernetes API: starting (" + kind.name().toLowerCase() + ") ...");
    }
    long windowSeconds = Long.parseLong(env.getOrDefault("SANDBOX_METERING_WINDOW_SECONDS", "60"));
    Duration readyDelay =
        Duration.ofMillis(Long.parseLong(env.getOrDefault("SANDBOX_READY_DELAY_MS", "2000")));
    system =
        push(
            SystemEnvironment.builder()
                .kube(kind)
                .kubeconfig(dir.resolve("kubeconfig"))
                .mockPort(Integer.parseInt(env.getOrDefault("SANDBOX_KUBE_PORT", "0")))
                .readyDelay(readyDelay)
                .cloudNativePg()
                .operatorSetting("OPERATOR_HTTP_PORT", "0")
                .operatorSetting("METERING_WINDOW_SECONDS", Long.toString(windowSeconds))
                .operatorSetting(
                    "METERING_SETTLE_SECONDS", Long.toString(Math.min(5, windowSeconds / 4)))
                .operatorSetting(
                    "METERING_MAX_RECHECK_SECONDS", Long.toString(Math.max(5, windowSeconds / 2)))
                .operatorSetting("METERING_REQUEST_TIMEOUT_SECONDS", "10")
                .operatorSetting("METERING_DELETION_GIVE_UP_SECONDS", "300")
                .operatorSetting("METERING_DELETION_GIVE_UP_POLICY", "release")
                .operatorSetting("METERING_LAG_THRESHOLD_SECONDS", "300")
                .start());
    System.out.println("Kubernetes API: " + system.kube().description());
    ExomarketOperator operator =
        push(
            ExomarketOperator.start(
                system.client(), OperatorConfig.fromEnvironment(system.operatorEnvironment())));

    osbUser = env.getOrDefault("SANDBOX_OSB_USER", "sandbox");
    osbPassword = env.getOrDefault("SANDBOX_OSB_PASSWORD", SystemEnvironment.hex(12));
    Map<String, String> brokerEnv =
        system.brokerEnvironment(
            Integer.parseInt(env.getOrDefault("SANDBOX_OSB_PORT", "8080")), osbUser, osbPassword);
    broker = push(BrokerServer.start(system.client(), BrokerConfig.fromEnv(brokerEnv)));

    writeEndpoints();
    System.out.println(usageText(operator.httpPort(), readyDelay, windowSeconds));
    System.out.println("sandbox ready (" + dir.resolve("endpoints.json") + ")");
  }

  private <T extends AutoCloseable> T push(T resource) {
    resources.push(resource);
    return resource;
  }

  private void writeEndpoints() {
    String json =
        """
        {
          "osbUrl": "%s",
          "osbUser": "%s",
          "osbPassword": "%s",
          "kubeconfig": "%s",
          "meteringUrl": "%s",
          "meteringReports": "%s/reports",
          "deliveryNotes": "%s"
        }
        """
            .formatted(
                osbUrl(), osbUser, osbPassword, kubeconfig(), sink(), sink(), deliveryNotes());
    try {
      Path tmp = dir.resolve("endpoints.json.tmp");
      Files.writeString(tmp, json);
      Files.move(
          tmp,
          dir.resolve("endpoints.json"),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String kubeconfig() {
    return system.kubeconfig().toString();
  }

  private String sink() {
    return system.sink().url().toString();
  }

  private String deliveryNotes() {
    return system.deliveryNotes().url();
  }

  private String osbUrl() {
    return "http://127.0.0.1:" + broker.port();
  }

  private String usageText(int operatorPort, Duration readyDelay, long windowSeconds) {
    String org = UUID.randomUUID().toString();
    String id = UUID.randomUUID().toString();
    String h =
        "curl -s -u '"
            + osbUser
            + ":"
            + osbPassword
            + "' -H 'X-Broker-API-Version: 2.17'"
            + " -H 'Content-Type: application/json'";
    String instance = osbUrl() + "/v2/service_instances/" + id;
    String users1 =
        "{\"users\": [{\"email\": \"owner@acme.example\", \"full_name\": \"Ada Owner\", \"role\": \"owner\"}]}";
    String users2 =
        "{\"users\": [{\"email\": \"owner@acme.example\", \"full_name\": \"Ada Owner\", \"role\": \"owner\"},"
            + " {\"email\": \"tech@acme.example\", \"full_name\": \"Tim Tech\", \"role\": \"tech\"}]}";
    String provision =
        "{\"service_id\": \""
            + SERVICE_ID
            + "\", \"plan_id\": \"plan-small\", \"organization_guid\": \""
            + org
            + "\", \"space_guid\": \""
            + org
            + "\", \"parameters\": "
            + users1
            + ", \"context\": {\"platform\": \"exoscale\", \"organization_guid\": \""
            + org
            + "\", \"space_guid\": \""
            + org
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
        offering         cnpg-postgres (4d2e6f1a-8b3c-4a5d-9e7f-1c2b3a4d5e6f): a CloudNativePG Cluster
                         (simulated controller); plans pg-single, pg-ha; suspension plan pg-suspended
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
        """
        .formatted(
            osbUrl(),
            osbUser,
            osbPassword,
            kubeconfig(),
            sink(),
            sink(),
            deliveryNotes(),
            operatorPort,
            SERVICE_ID,
            readyDelay.toMillis(),
            windowSeconds,
            h,
            osbUrl(),
            h,
            instance,
            provision,
            h,
            instance,
            patch.formatted("plan-small", ", \"parameters\": " + users2),
            h,
            instance,
            patch.formatted("plan-suspended", ""),
            h,
            instance,
            patch.formatted("plan-small", ""),
            h,
            instance,
            SERVICE_ID,
            kubeconfig(),
            system.kube().real() ? "" : MOCK_COLUMNS,
            sink(),
            deliveryNotes());
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
