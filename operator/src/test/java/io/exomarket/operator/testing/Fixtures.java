package io.exomarket.operator.testing;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/** The sample offering and instances the tests use. */
public final class Fixtures {
  public static final String SERVICE_ID = "9f3a1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5b";
  public static final String SMALL = "plan-small";
  public static final String LARGE = "plan-large";
  public static final String SUSPENSION_PLAN = "plan-suspended";
  public static final String ORG = "5f7e6a52-1c1d-4c7e-9a51-2d7e1c6b7a00";

  private Fixtures() {}

  public static ServiceOffering offering(KubernetesClient client) {
    try (InputStream yaml = Fixtures.class.getResourceAsStream("/sample-offering.yaml")) {
      return client.getKubernetesSerialization().unmarshal(yaml, ServiceOffering.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ServiceOffering installOffering(KubernetesClient client) {
    return client.resource(offering(client)).createOr(NonDeletingOperation::update);
  }

  public static void namespace(KubernetesClient client, String name) {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(NonDeletingOperation::update);
  }

  /** The metering credentials Secret the deploy kit names, with this key and secret. */
  public static void meteringSecret(
      KubernetesClient client, String namespace, String key, String secret) {
    client
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("exomarket-metering-credentials")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(java.util.Map.of("key", key, "secret", secret))
                .build())
        .create();
  }

  /** A namespace labelled as a tenant's (as the broker makes it, without the grants). */
  public static void tenantNamespace(KubernetesClient client, String name) {
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(io.exomarket.api.v1alpha1.ApiGroup.TENANT_LABEL, "true")
                .endMetadata()
                .build())
        .createOr(NonDeletingOperation::update);
  }

  public static ManagedServiceInstance instance(String namespace, String name, String planId) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    msi.getMetadata().setName(name);
    msi.getMetadata().setNamespace(namespace);
    ManagedServiceInstanceSpec spec = new ManagedServiceInstanceSpec();
    spec.setInstanceId(UUID.randomUUID().toString());
    spec.setServiceId(SERVICE_ID);
    spec.setPlanId(planId);
    spec.setOrganization(ORG);
    spec.setUsers(List.of(new ServiceUser("owner@acme.ch", "Ada Owner", "owner")));
    msi.setSpec(spec);
    return msi;
  }

  /** Edits the stored version (edit() patches the difference from the object it is given). */
  public static ManagedServiceInstance edit(
      KubernetesClient client,
      ManagedServiceInstance msi,
      java.util.function.Consumer<ManagedServiceInstance> change) {
    return client
        .resource(client.resource(msi).get())
        .edit(
            m -> {
              change.accept(m);
              return m;
            });
  }

  /** A sample offering from deploy/samples. */
  public static ServiceOffering sample(KubernetesClient client, String file) {
    java.nio.file.Path path =
        io.exomarket.testkit.kube.ThirdPartyCrds.repositoryRoot()
            .resolve("deploy")
            .resolve("samples")
            .resolve(file);
    try (InputStream in = java.nio.file.Files.newInputStream(path)) {
      return client.getKubernetesSerialization().unmarshal(in, ServiceOffering.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
