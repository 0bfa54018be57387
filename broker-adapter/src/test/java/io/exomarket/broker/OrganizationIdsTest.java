package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Organization ids: a UUID keeps the namespace tenant-<uuid>; any other non-empty id (CloudFoundry
 * style) maps to a valid, collision-safe namespace (slug + hash) and is kept as an annotation on
 * the namespace and the instance.
 */
@MockApiTier
class OrganizationIdsTest {
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static ManagedServiceInstance provision(String org) {
    String id = UUID.randomUUID().toString();
    ObjectNode body = Bodies.provision(SERVICE, SMALL, org);
    assertThat(f.osb.provision(id, body, true).status()).isEqualTo(202);
    return f.instance(id);
  }

  @Test
  void aUuidKeepsItsNamespace() {
    String org = Bodies.newOrg().toUpperCase();
    ManagedServiceInstance msi = provision(org);
    assertThat(msi.getMetadata().getNamespace()).isEqualTo("tenant-" + org.toLowerCase());
    assertThat(msi.getSpec().getOrganization()).isEqualTo(org.toLowerCase());
    assertThat(msi.getMetadata().getLabels().get(ApiGroup.ORGANIZATION_LABEL))
        .isEqualTo(org.toLowerCase());
  }

  @Test
  void anyOtherIdMapsToASlugAndHashAndIsKept() {
    String org = "ACME Corp / Zürich (CF org) " + UUID.randomUUID();
    ManagedServiceInstance msi = provision(org);
    String ns = msi.getMetadata().getNamespace();
    assertThat(ns).matches("tenant-acme-corp-z-rich-cf-[a-z2-7]{13}").hasSizeLessThanOrEqualTo(63);
    assertThat(msi.getSpec().getOrganization()).isEqualTo(org);
    assertThat(msi.getMetadata().getAnnotations().get(ApiGroup.ORGANIZATION_ID_ANNOTATION))
        .isEqualTo(org);
    Namespace namespace = f.client.namespaces().withName(ns).get();
    assertThat(namespace.getMetadata().getAnnotations().get(ApiGroup.ORGANIZATION_ID_ANNOTATION))
        .isEqualTo(org);
    assertThat(namespace.getMetadata().getLabels().get(ApiGroup.ORGANIZATION_LABEL))
        .isEqualTo(ns.substring("tenant-".length()));

    // The same slug from another id is another namespace; the same id is the same namespace.
    String sibling = org.replace("Corp", "corp");
    assertThat(provision(sibling).getMetadata().getNamespace()).isNotEqualTo(ns);
    assertThat(provision(org).getMetadata().getNamespace()).isEqualTo(ns);
    // Nothing but symbols: the hash alone.
    assertThat(provision("§§§").getMetadata().getNamespace()).matches("tenant-[a-z2-7]{13}");
  }
}
