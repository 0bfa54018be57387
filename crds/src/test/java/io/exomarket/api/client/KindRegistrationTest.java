package io.exomarket.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * The kinds are registered with fabric8 (META-INF/services), so a watch event's object is read into
 * its class at once; unregistered, it was read into a generic object and converted again.
 */
class KindRegistrationTest {
  private static WatchEvent event(String kind) {
    return new KubernetesSerialization()
        .unmarshal(
            "{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\""
                + ApiGroup.NAME
                + "/"
                + ApiGroup.VERSION
                + "\",\"kind\":\""
                + kind
                + "\",\"metadata\":{\"name\":\"x\",\"namespace\":\"t\"},\"spec\":{}}}",
            WatchEvent.class);
  }

  @Test
  void watchEventsCarryTheTypedResources() {
    assertThat(event("ManagedServiceInstance").getObject())
        .isExactlyInstanceOf(ManagedServiceInstance.class);
    assertThat(event("ManagedServiceBinding").getObject())
        .isExactlyInstanceOf(ManagedServiceBinding.class);
    assertThat(event("ServiceOffering").getObject()).isExactlyInstanceOf(ServiceOffering.class);
  }
}
