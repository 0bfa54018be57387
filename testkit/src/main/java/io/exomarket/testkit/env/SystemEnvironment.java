package io.exomarket.testkit.env;

import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.testkit.kube.SimulatedCloudNativePg;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.kube.ThirdPartyCrds;
import io.exomarket.testkit.metering.MeteringSecret;
import io.exomarket.testkit.metering.MeteringSink;
import io.exomarket.testkit.webhook.DeliveryNoteReceiver;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything around the operator and the adapter, shared by the sandbox and the e2e suite: a
 * Kubernetes API with the CRDs and the offerings, the system namespace with the metering Secret,
 * Exoscale's metering API ({@link MeteringSink}), the vendor's delivery-note webhook and a
 * simulated kubelet. The operator and the adapter are configured through the same environment
 * variables as in production ({@link #operatorEnvironment()}, {@link #brokerEnvironment}), whether
 * they then run in this JVM (sandbox) or as processes (e2e).
 */
public final class SystemEnvironment implements AutoCloseable {
  public static final String SYSTEM_NAMESPACE = "exomarket-system";
  public static final String METERING_SECRET = "metering-credentials";
  public static final String PRODUCT = "acme-db";

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final KubeApi kube;
  private final MeteringSink sink;
  private final DeliveryNoteReceiver deliveryNotes;
  private final Map<String, String> operatorSettings;

  private SystemEnvironment(Builder b) {
    try {
      kube = push(KubeApi.start(b.kube, b.kubeconfig, b.mockPort));
      for (String offering : b.offerings) {
        kube.client().resource(offering(offering)).createOr(r -> r.update());
      }
      String key = "EXO" + hex(12);
      String secret = hex(20);
      sink = push(MeteringSink.start(0, key, secret));
      meteringSecret(kube.client(), key, secret);
      deliveryNotes = push(DeliveryNoteReceiver.start());
      push(SimulatedKubelet.start(kube.client(), b.readyDelay));
      if (b.cloudNativePg) {
        // The composed sample: CloudNativePG's CRDs (the stand-ins), its offering, and a
        // simulated CloudNativePG controller beside the simulated kubelet.
        ThirdPartyCrds.installCloudNativePg(kube.client(), b.kube != KubeApi.Kind.MOCK);
        kube.client().resource(sample("cnpg-postgres.yaml")).createOr(r -> r.update());
        push(SimulatedCloudNativePg.start(kube.client(), b.readyDelay));
      }
      operatorSettings = new LinkedHashMap<>(b.operatorSettings);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public KubernetesClient client() {
    return kube.client();
  }

  public KubeApi kube() {
    return kube;
  }

  public Path kubeconfig() {
    return kube.kubeconfig();
  }

  public MeteringSink sink() {
    return sink;
  }

  public DeliveryNoteReceiver deliveryNotes() {
    return deliveryNotes;
  }

  /** The operator's environment variables (see OperatorConfig.fromEnvironment). */
  public Map<String, String> operatorEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBECONFIG", kubeconfig().toString());
    env.put("METERING_ENDPOINT", sink.url().toString());
    env.put("METERING_PRODUCT", PRODUCT);
    env.put("METERING_SECRET_NAMESPACE", SYSTEM_NAMESPACE);
    env.put("METERING_SECRET_NAME", METERING_SECRET);
    env.put("DELIVERY_WEBHOOK_URL", deliveryNotes.url());
    env.putAll(operatorSettings);
    return env;
  }

  /** The adapter's environment variables (see BrokerConfig.fromEnv). */
  public Map<String, String> brokerEnvironment(int port, String user, String password) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBECONFIG", kubeconfig().toString());
    env.put("BROKER_HOST", "127.0.0.1");
    env.put("BROKER_PORT", Integer.toString(port));
    env.put("BROKER_USERNAME", user);
    env.put("BROKER_PASSWORD", password);
    env.put("BROKER_SYNC_TIMEOUT", "30s");
    env.put("BROKER_RETRY_AFTER", "1s");
    env.put("BROKER_SHUTDOWN_TIMEOUT", "10s");
    return env;
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
  }

  private <T extends AutoCloseable> T push(T resource) {
    resources.push(resource);
    return resource;
  }

  private static ServiceOffering offering(String resource) {
    try (InputStream in = SystemEnvironment.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no offering " + resource + " on the classpath");
      }
      return Serialization.unmarshal(in, ServiceOffering.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ServiceOffering sample(String file) {
    Path path = ThirdPartyCrds.repositoryRoot().resolve("deploy").resolve("samples").resolve(file);
    try (InputStream in = java.nio.file.Files.newInputStream(path)) {
      return Serialization.unmarshal(in, ServiceOffering.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void meteringSecret(KubernetesClient client, String key, String secret) {
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(SYSTEM_NAMESPACE)
                .endMetadata()
                .build())
        .createOr(r -> r.update());
    MeteringSecret.apply(client, SYSTEM_NAMESPACE, METERING_SECRET, key, secret);
  }

  public static String hex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** What to start; every setting has a default. */
  public static final class Builder {
    private KubeApi.Kind kube = KubeApi.Kind.MOCK;
    private Path kubeconfig = Path.of("target", "kubeconfig-" + System.nanoTime());
    private int mockPort;
    private final List<String> offerings = new ArrayList<>(List.of("offerings/acme-db.yaml"));
    private Duration readyDelay = Duration.ofMillis(200);
    private boolean cloudNativePg;
    private final Map<String, String> operatorSettings = new LinkedHashMap<>();

    private Builder() {}

    public Builder kube(KubeApi.Kind kind) {
      this.kube = kind;
      return this;
    }

    public Builder kubeconfig(Path file) {
      this.kubeconfig = file.toAbsolutePath();
      return this;
    }

    public Builder mockPort(int port) {
      this.mockPort = port;
      return this;
    }

    /** Classpath resources of ServiceOfferings to install (default: the acme-db sample). */
    public Builder offerings(String... resources) {
      this.offerings.clear();
      this.offerings.addAll(List.of(resources));
      return this;
    }

    /**
     * Also the CloudNativePG sample offering (deploy/samples/cnpg-postgres.yaml) with the CRD
     * stand-ins and a simulated CloudNativePG controller.
     */
    public Builder cloudNativePg() {
      this.cloudNativePg = true;
      return this;
    }

    /** How long the simulated kubelet takes to make a workload ready. */
    public Builder readyDelay(Duration delay) {
      this.readyDelay = delay;
      return this;
    }

    /** An operator environment variable on top of the defaults (e.g. METERING_WINDOW_SECONDS). */
    public Builder operatorSetting(String name, String value) {
      this.operatorSettings.put(name, value);
      return this;
    }

    public SystemEnvironment start() {
      return new SystemEnvironment(this);
    }
  }
}
