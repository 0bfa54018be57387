package io.exomarket.broker.testing;

import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.broker.BrokerServer;
import io.exomarket.broker.config.BrokerConfig;
import io.exomarket.broker.instances.InstanceNames;
import io.exomarket.testkit.kube.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** A mock API server with the test offerings, and an adapter serving it. */
public final class BrokerFixture implements AutoCloseable {
  public static final String USER = "platform";
  public static final String PASSWORD = "s3cr3t-Pa55";

  public final MockApiServer mock;
  public final KubernetesClient client;
  public final BrokerServer broker;
  public final OsbClient osb;

  public BrokerFixture() {
    this(c -> c);
  }

  public BrokerFixture(UnaryOperator<BrokerConfig> configure) {
    mock = MockApiServer.start();
    client = mock.client();
    for (ServiceOffering o : List.of(TestOfferings.keyValue(), TestOfferings.fixed())) {
      client.resource(o).create();
    }
    broker = BrokerServer.start(client, configure.apply(BrokerConfig.forTests(USER, PASSWORD)));
    osb =
        broker.url().startsWith("https")
            ? new OsbClient(
                java.net.http.HttpClient.newBuilder().sslContext(TrustAll.context()).build(),
                broker.url(),
                USER,
                PASSWORD)
            : new OsbClient(broker.url(), USER, PASSWORD);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> osb.catalog().json().get("services").size() == 2);
  }

  /** The MSI of an OSB instance id, straight from the API server; null when there is none. */
  public ManagedServiceInstance instance(String instanceId) {
    return client
        .resources(ManagedServiceInstance.class)
        .inAnyNamespace()
        .withLabel(InstanceNames.INSTANCE_ID_HASH_LABEL, InstanceNames.hashOf(instanceId))
        .list()
        .getItems()
        .stream()
        .filter(m -> instanceId.equals(m.getSpec().getInstanceId()))
        .findFirst()
        .orElse(null);
  }

  /** The binding of an OSB binding id, straight from the API server; null when there is none. */
  public ManagedServiceBinding binding(String bindingId) {
    return client.resources(ManagedServiceBinding.class).inAnyNamespace().list().getItems().stream()
        .filter(b -> bindingId.equals(b.getSpec().getBindingId()))
        .findFirst()
        .orElse(null);
  }

  public ApiSnapshot snapshot() {
    return ApiSnapshot.of(client);
  }

  @Override
  public void close() {
    broker.close();
    mock.close();
  }
}
