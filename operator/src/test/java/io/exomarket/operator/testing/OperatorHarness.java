package io.exomarket.operator.testing;

import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.deletion.DeletionHook;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.MeteringClientConfig;
import io.exomarket.testkit.kube.MockApiServer;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The operator's test setup as one JUnit 5 extension: a fabric8 mock API server with the CRDs and
 * the sample offering, a simulated kubelet, and operators started through the production wiring
 * ({@link ExomarketOperator#start}), all closed afterwards. Registered on a static field it lives
 * for the class; on an instance field, for each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OperatorHarness harness = OperatorHarness.onMock().operator(c -> c.withHttpPort(0));
 * }</pre>
 */
public final class OperatorHarness
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final AtomicInteger namespaces = new AtomicInteger();
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Duration readyDelay = Duration.ofMillis(100);
  private UnaryOperator<OperatorConfig> operatorConfig;
  private MockApiServer kube;
  private KubernetesClient client;
  private ExomarketOperator operator;
  private boolean perClass;

  private OperatorHarness() {}

  /** A mock API server with the sample offering and a simulated kubelet; no operator yet. */
  public static OperatorHarness onMock() {
    return new OperatorHarness();
  }

  /** How long the simulated kubelet takes to make a workload ready; null for no kubelet. */
  public OperatorHarness readyDelay(Duration delay) {
    this.readyDelay = delay;
    return this;
  }

  /** Starts one operator with this configuration (from the defaults) before the tests. */
  public OperatorHarness operator(UnaryOperator<OperatorConfig> config) {
    this.operatorConfig = config;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void start() {
    kube = MockApiServer.start();
    started.push(kube);
    client = kube.client();
    Fixtures.installOffering(client);
    if (readyDelay != null) {
      started.push(SimulatedKubelet.start(kube.newClient(), readyDelay));
    }
    if (operatorConfig != null) {
      operator = startOperator(operatorConfig.apply(OperatorConfig.defaults()));
    }
  }

  private void stop() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the test setup", e);
      }
    }
    operator = null;
  }

  /** Starts an operator with its own client (as another process would have); closed at the end. */
  public ExomarketOperator startOperator(OperatorConfig config) {
    ExomarketOperator started = ExomarketOperator.start(kube.newClient(), config);
    this.started.push(started);
    return started;
  }

  /** Same, with deletion hooks of the test's own (they run before metering's final report). */
  public ExomarketOperator startOperator(OperatorConfig config, List<DeletionHook> hooks) {
    ExomarketOperator started = ExomarketOperator.start(kube.newClient(), config, hooks);
    this.started.push(started);
    return started;
  }

  /** Same, with the metering client wrapped (tests inject crashes around the real send). */
  public ExomarketOperator startOperator(
      OperatorConfig config, Function<MeteringClientConfig, MeteringClient> meteringClients) {
    ExomarketOperator started =
        ExomarketOperator.start(kube.newClient(), config, List.of(), meteringClients);
    this.started.push(started);
    return started;
  }

  /** The operator started by {@link #operator(UnaryOperator)}. */
  public ExomarketOperator operator() {
    return operator;
  }

  public MockApiServer kube() {
    return kube;
  }

  /** The tests' own client ("kubectl"). */
  public KubernetesClient client() {
    return client;
  }

  /** A separate client, as another process would have. */
  public KubernetesClient newClient() {
    return kube.newClient();
  }

  /** A fresh namespace {@code <prefix>-<n>}. */
  public String newNamespace(String prefix) {
    String name = prefix + "-" + namespaces.incrementAndGet();
    Fixtures.namespace(client, name);
    return name;
  }
}
