package io.exomarket.bench;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the benchmarks create: the sandbox's sample offering, tenant namespaces, instances. */
public final class BenchObjects {
  public static final String SERVICE_ID = "9f3a1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5b";
  public static final String PLAN = "plan-small";
  public static final String ORG = "5f7e6a52-1c1d-4c7e-9a51-2d7e1c6b7a00";

  /** The label the operator under test selects (WATCH_LABEL_SELECTOR): bare instances lack it. */
  public static final String RUN_LABEL = "bench.exomarket.io/run";

  public static final String OPERATOR_RUN = "operator";
  public static final int NAMESPACES = 20;

  private BenchObjects() {}

  public static void installOffering(KubernetesClient client) {
    try (InputStream yaml =
        BenchObjects.class.getClassLoader().getResourceAsStream("offerings/acme-db.yaml")) {
      ServiceOffering offering =
          client.getKubernetesSerialization().unmarshal(yaml, ServiceOffering.class);
      client.resource(offering).createOr(NonDeletingOperation::update);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code prefix-0} .. {@code prefix-19}: instance i lives in namespace i % 20. */
  public static void namespaces(KubernetesClient client, String prefix) {
    namespaces(client, prefix, NAMESPACES);
  }

  /** {@code prefix-0} .. {@code prefix-(count-1)}. */
  public static void namespaces(KubernetesClient client, String prefix, int count) {
    for (int t = 0; t < count; t++) {
      namespace(client, prefix + t);
    }
  }

  public static void namespace(KubernetesClient client, String name) {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(NonDeletingOperation::update);
  }

  public static String namespace(String prefix, int i) {
    return prefix + (i % NAMESPACES);
  }

  public static ManagedServiceInstance instance(String namespace, String name, String run) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    msi.getMetadata().setName(name);
    msi.getMetadata().setNamespace(namespace);
    msi.getMetadata().setLabels(Map.of(RUN_LABEL, run));
    ManagedServiceInstanceSpec spec = new ManagedServiceInstanceSpec();
    spec.setInstanceId(UUID.randomUUID().toString());
    spec.setServiceId(SERVICE_ID);
    spec.setPlanId(PLAN);
    spec.setOrganization(ORG);
    spec.setUsers(List.of(new ServiceUser("owner@acme.example", "Ada Owner", "owner")));
    msi.setSpec(spec);
    return msi;
  }
}
