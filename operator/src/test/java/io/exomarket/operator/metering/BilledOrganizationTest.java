package io.exomarket.operator.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BilledOrganizationTest {
  @Test
  void onlyAUuidIsBilledAndAnyOtherIdIsNamedInBoundedWords() {
    String uuid = UUID.randomUUID().toString();
    assertThat(BilledOrganization.of(instance(uuid))).contains(UUID.fromString(uuid));
    assertThat(BilledOrganization.of(instance("cf-org-acme"))).isEmpty();
    assertThat(BilledOrganization.of(instance(uuid + "x"))).isEmpty();

    String longId = "o".repeat(300);
    assertThat(BilledOrganization.whyNot(instance(longId)))
        .startsWith("organization '" + "o".repeat(64) + "...'")
        .endsWith("bills organization UUIDs only")
        .hasSizeLessThan(200);
  }

  private static ManagedServiceInstance instance(String organization) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    ManagedServiceInstanceSpec spec = new ManagedServiceInstanceSpec();
    spec.setOrganization(organization);
    msi.setSpec(spec);
    return msi;
  }
}
