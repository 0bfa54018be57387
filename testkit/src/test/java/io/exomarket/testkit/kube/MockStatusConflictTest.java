package io.exomarket.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** The mock refuses a status write based on an older resourceVersion, as a real API server. */
class MockStatusConflictTest {
  @Test
  void aStatusWriteOnAnOlderVersionConflictsAndOneOnTheCurrentVersionLands() {
    try (MockApiServer mock = MockApiServer.start()) {
      KubernetesClient client = mock.client();
      ManagedServiceInstance msi = new ManagedServiceInstance();
      msi.setMetadata(new ObjectMetaBuilder().withNamespace("tenant-a").withName("db").build());
      msi.setSpec(new ManagedServiceInstanceSpec());
      ManagedServiceInstance created = client.resource(msi).create();

      ManagedServiceInstance first = copyWithMessage(created, "first");
      ManagedServiceInstance written = client.resource(first).updateStatus();
      assertThat(written.getStatus().getMessage()).isEqualTo("first");

      ManagedServiceInstance stale = copyWithMessage(created, "stale");
      assertThatThrownBy(() -> client.resource(stale).updateStatus())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
      assertThat(client.resource(created).get().getStatus().getMessage()).isEqualTo("first");

      ManagedServiceInstance unconditional = copyWithMessage(created, "unconditional");
      unconditional.getMetadata().setResourceVersion(null);
      assertThat(client.resource(unconditional).updateStatus().getStatus().getMessage())
          .isEqualTo("unconditional");
    }
  }

  private static ManagedServiceInstance copyWithMessage(ManagedServiceInstance base, String text) {
    ManagedServiceInstance copy = new ManagedServiceInstance();
    copy.setMetadata(new ObjectMetaBuilder(base.getMetadata()).build());
    copy.setSpec(base.getSpec());
    ManagedServiceInstanceStatus status = new ManagedServiceInstanceStatus();
    status.setMessage(text);
    copy.setStatus(status);
    return copy;
  }
}
