package io.exomarket.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class SerializationTest {

  @Test
  void instanceRoundTripsThroughYaml() {
    String yaml =
        """
        apiVersion: marketplace.exomarket.io/v1alpha1
        kind: ManagedServiceInstance
        metadata: {name: i-1, namespace: org-x}
        spec:
          instanceId: 1b0c5b8e-0000-4000-8000-000000000001
          serviceId: svc
          planId: small
          organization: 5f7e6a52-1c1d-4c7e-9a51-2d7e1c6b7a00
          users: [{email: a@b.ch, fullName: A B, role: owner}]
          parameters: {size: 3, nested: {x: [1, 2]}}
          context: {platform: exoscale, organizationName: acme, unknownKey: kept-by-the-api-server}
        status:
          state: Ready
          lastOperation: {type: provision, state: in progress, generation: 1}
        """;
    ManagedServiceInstance msi = Serialization.unmarshal(yaml, ManagedServiceInstance.class);
    assertThat(msi.getSpec().getUsers()).containsExactly(new ServiceUser("a@b.ch", "A B", "owner"));
    assertThat(msi.getSpec().getParameters().get("nested").get("x").get(1).asInt()).isEqualTo(2);
    assertThat(msi.getSpec().getContext().getPlatform()).isEqualTo("exoscale");
    assertThat(msi.getStatus().getLastOperation().getState()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(msi.getStatus().getLastOperation().getType()).isEqualTo(OperationType.PROVISION);

    ManagedServiceInstance again =
        Serialization.unmarshal(Serialization.asYaml(msi), ManagedServiceInstance.class);
    assertThat(again.getSpec()).isEqualTo(msi.getSpec());
    assertThat(again.getStatus()).isEqualTo(msi.getStatus());
    assertThat(Serialization.asJson(msi)).contains("\"state\":\"in progress\"");
  }

  @Test
  void meterUnitsUseExoscaleSpelling() {
    Meter meter =
        Serialization.unmarshal("variable: st\nunit: gb.h\nsource: storage\n", Meter.class);
    assertThat(meter.getUnit()).isEqualTo(MeterUnit.GB_HOURS);
    assertThat(meter.accruesWhileSuspended()).isTrue();
    assertThat(Serialization.asJson(meter)).contains("\"unit\":\"gb.h\"");
  }

  @Test
  void graphWorkloadParsesWithItsDefaults() {
    String yaml =
        """
        image: null
        resources:
          - id: cm
            template: {apiVersion: v1, kind: ConfigMap, data: {a: "${instance.name}"}}
            includeWhen: ["plan.metadata.?exposed.orValue(false)"]
          - id: secret
            updatePolicy: CreateOnly
            deletionPolicy: Retain
            template: {apiVersion: v1, kind: Secret}
        outputs:
          dashboardUrl: "https://${instance.spec.instanceId}.example.com"
          extra: {adminUrl: "https://admin.example.com"}
        """;
    WorkloadTemplate workload = Serialization.unmarshal(yaml, WorkloadTemplate.class);
    assertThat(workload.getImage()).isNull();
    assertThat(workload.getResources())
        .extracting(GraphResource::getId)
        .containsExactly("cm", "secret");
    GraphResource cm = workload.getResources().get(0);
    assertThat(cm.getDeletionPolicy()).isEqualTo(ResourceDeletionPolicy.DELETE);
    assertThat(cm.getUpdatePolicy()).isEqualTo(ResourceUpdatePolicy.APPLY);
    assertThat(cm.getTemplate()).containsEntry("kind", "ConfigMap");
    GraphResource secret = workload.getResources().get(1);
    assertThat(secret.getUpdatePolicy()).isEqualTo(ResourceUpdatePolicy.CREATE_ONLY);
    assertThat(secret.getDeletionPolicy()).isEqualTo(ResourceDeletionPolicy.RETAIN);
    assertThat(workload.getOutputs().byName())
        .containsExactly(
            org.assertj.core.api.Assertions.entry(
                "dashboardUrl", "https://${instance.spec.instanceId}.example.com"),
            org.assertj.core.api.Assertions.entry("adminUrl", "https://admin.example.com"));
    assertThat(Serialization.asJson(workload))
        .contains("\"updatePolicy\":\"CreateOnly\"")
        .doesNotContain("byName");
  }
}
