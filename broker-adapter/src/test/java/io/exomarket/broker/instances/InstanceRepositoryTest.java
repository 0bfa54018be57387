package io.exomarket.broker.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.testkit.junit.MockApiTier;
import io.exomarket.testkit.kube.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the repository answers for an instance it created before its informer delivered it. The
 * instance is then deleted behind the repository's back, so an answer that still has it came from
 * what the repository remembers of its own create, and an empty one from the API server.
 */
@MockApiTier
class InstanceRepositoryTest {
  private MockApiServer mock;
  private KubernetesClient other;
  private InstanceRepository repository;

  @BeforeEach
  void start() {
    mock = MockApiServer.start();
    other = mock.client();
    repository = new InstanceRepository(mock.newClient(), new Ignored());
  }

  @AfterEach
  void stop() {
    repository.close();
    mock.close();
  }

  @Test
  void anInstanceItCreatedIsFoundBeforeItsInformerHasItWithoutAskingTheApiServer() {
    String id = UUID.randomUUID().toString();
    ManagedServiceInstance created = repository.create(RecentlyCreatedTest.instance(id));
    deleteBehindItsBack(created);

    assertThat(repository.find(id)).hasValueSatisfying(m -> assertSame(m, created));
    assertThat(repository.findCached(id)).isPresent();
  }

  @Test
  void itsOwnDeleteForgetsItAndTheApiServerAnswers() {
    String id = UUID.randomUUID().toString();
    ManagedServiceInstance created = repository.create(RecentlyCreatedTest.instance(id));
    repository.delete(created);

    assertThat(repository.findCached(id)).isEmpty();
    assertThat(repository.find(id)).isEmpty();
  }

  @Test
  void onceTheInformerHasDeliveredItTheInformerAloneAnswers() {
    String id = UUID.randomUUID().toString();
    ManagedServiceInstance created = repository.create(RecentlyCreatedTest.instance(id));
    assertThat(repository.recentlyCreated()).isEqualTo(1);
    repository.start().toCompletableFuture().join();
    assertThat(repository.cached(ns(created), name(created))).isNotNull();
    await().atMost(Duration.ofSeconds(10)).until(() -> repository.recentlyCreated() == 0);

    deleteBehindItsBack(created);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> repository.cached(ns(created), name(created)) == null);
    assertThat(repository.findCached(id)).isEmpty();
    assertThat(repository.find(id)).isEmpty();
  }

  private static final class Ignored implements ResourceEventHandler<ManagedServiceInstance> {
    @Override
    public void onAdd(ManagedServiceInstance obj) {}

    @Override
    public void onUpdate(ManagedServiceInstance oldObj, ManagedServiceInstance newObj) {}

    @Override
    public void onDelete(ManagedServiceInstance obj, boolean deletedFinalStateUnknown) {}
  }

  private void deleteBehindItsBack(ManagedServiceInstance msi) {
    other.resource(msi).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> other.resource(msi).get() == null);
  }

  private static void assertSame(ManagedServiceInstance found, ManagedServiceInstance created) {
    assertThat(found.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
  }

  private static String ns(ManagedServiceInstance m) {
    return m.getMetadata().getNamespace();
  }

  private static String name(ManagedServiceInstance m) {
    return m.getMetadata().getName();
  }
}
