package io.exomarket.broker;

import static io.exomarket.broker.testing.TestOfferings.LARGE;
import static io.exomarket.broker.testing.TestOfferings.SERVICE;
import static io.exomarket.broker.testing.TestOfferings.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PodSecurityLevel;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.exomarket.broker.instances.InstanceNames;
import io.exomarket.broker.testing.ApiSnapshot;
import io.exomarket.broker.testing.Bodies;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.testkit.junit.MockApiTier;
import io.fabric8.kubernetes.api.model.Namespace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provisioning without an operator: what is written, and what is answered when the wait runs out.
 */
@MockApiTier
class ProvisionTest {
  private static BrokerFixture f;

  @BeforeAll
  static void start() {
    f = new BrokerFixture(c -> c.withSyncTimeout(Duration.ofMillis(300)));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void provisionCreatesTheTenantNamespaceAndTheInstance() {
    String org = Bodies.newOrg().toUpperCase();
    String id = UUID.randomUUID().toString();
    ObjectNode body = Bodies.provision(SERVICE, SMALL, org);
    ((ObjectNode) body.get("parameters")).put("size", 3);
    Bodies.users((ObjectNode) body.get("parameters"), "b@acme.ch", "a@acme.ch");
    String identity =
        "exoscale "
            + Base64.getEncoder()
                .encodeToString(
                    "{\"user_id\":\"u-1\",\"password\":\"never-stored\"}"
                        .getBytes(StandardCharsets.UTF_8));

    OsbClient.Response r =
        f.osb.send(
            "PUT",
            OsbClient.path(id),
            body,
            Map.of(
                "X-Broker-API-Request-Identity",
                "req-1",
                "X-Broker-API-Originating-Identity",
                identity));

    // The operator is not running: the wait runs out, and the durable intent answers 201.
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("X-Broker-API-Request-Identity")).isEqualTo("req-1");
    String namespace = "tenant-" + org.toLowerCase();
    String name = InstanceNames.nameFor(id);
    assertThat(r.text("dashboard_url"))
        .isEqualTo(
            "https://dash.example.com/"
                + org.toLowerCase()
                + "/"
                + namespace
                + "/"
                + name
                + "?id="
                + id);

    Namespace ns = f.client.namespaces().withName(namespace).get();
    assertThat(ns.getMetadata().getLabels())
        .containsEntry(ApiGroup.TENANT_LABEL, "true")
        .containsEntry(ApiGroup.ORGANIZATION_LABEL, org.toLowerCase())
        .containsEntry(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
        .containsEntry(PodSecurityLevel.ENFORCE_LABEL, "restricted")
        .containsEntry(PodSecurityLevel.AUDIT_LABEL, "restricted")
        .containsEntry(PodSecurityLevel.WARN_LABEL, "restricted");

    ManagedServiceInstance msi =
        f.client
            .resources(ManagedServiceInstance.class)
            .inNamespace(namespace)
            .withName(name)
            .get();
    assertThat(msi.getSpec().getInstanceId()).isEqualTo(id);
    assertThat(msi.getSpec().getServiceId()).isEqualTo(SERVICE);
    assertThat(msi.getSpec().getPlanId()).isEqualTo(SMALL);
    assertThat(msi.getSpec().getOrganization()).isEqualTo(org.toLowerCase());
    assertThat(msi.getSpec().isSuspended()).isFalse();
    assertThat(msi.getSpec().getUsers())
        .containsExactly(
            new ServiceUser("a@acme.ch", "User a", "owner"),
            new ServiceUser("b@acme.ch", "User b", "owner"));
    assertThat(msi.getSpec().getParameters().toString()).isEqualTo("{\"size\":3}");
    assertThat(msi.getSpec().getContext().getPlatform()).isEqualTo("exoscale");
    assertThat(msi.getSpec().getContext().getOrganizationDisplayName()).isEqualTo("ACME SA");
    assertThat(msi.getMetadata().getLabels())
        .containsEntry(InstanceNames.INSTANCE_ID_HASH_LABEL, InstanceNames.hashOf(id));
    assertThat(msi.getMetadata().getAnnotations())
        .containsEntry(ApiGroup.REQUEST_ID_ANNOTATION, "req-1")
        .containsEntry(
            ApiGroup.ORIGINATING_IDENTITY_ANNOTATION,
            "{\"platform\":\"exoscale\",\"value\":{\"user_id\":\"u-1\"}}");
  }

  @Test
  void identicalReprovisionIsNotAConflictButADifferentOneIs() {
    String org = Bodies.newOrg();
    String id = UUID.randomUUID().toString();
    ObjectNode body = Bodies.provision(SERVICE, SMALL, org);
    assertThat(f.osb.provision(id, body, false).status()).isEqualTo(201);
    ManagedServiceInstance before = f.instance(id);

    // Still provisioning (no operator): the identical request waits again and answers 200.
    OsbClient.Response again = f.osb.provision(id, body, false);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("dashboard_url")).isNotBlank();

    ApiSnapshot snapshot = f.snapshot();
    OsbClient.Response conflict = f.osb.provision(id, Bodies.provision(SERVICE, LARGE, org), false);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.text("description")).contains("different attributes");
    assertThat(f.snapshot()).isEqualTo(snapshot);
    assertThat(f.instance(id).getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
  }
}
