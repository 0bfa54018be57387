package io.exomarket.bench;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * The floor the operator is compared with: a bare fabric8 client making, per instance, the writes
 * the operator makes (the platform's create, finalizer, two status writes, the five workload
 * objects, a quota write; on deletion the platform's delete, the objects' deletes and the
 * finalizer's removal), with nothing read back and nothing waited for.
 */
public final class BareClient {
  public static final String PREFIX = "bench-bare-";
  private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "bench");

  private final KubernetesClient client;

  public BareClient(KubernetesClient client) {
    this.client = client;
  }

  public static String name(int run, int i) {
    return "bare-" + run + "-" + i;
  }

  public void create(int run, int i) {
    String ns = BenchObjects.namespace(PREFIX, i);
    String name = name(run, i);
    client.resource(BenchObjects.instance(ns, name, "bare")).create();
    ManagedServiceInstance msi =
        client
            .resources(ManagedServiceInstance.class)
            .inNamespace(ns)
            .withName(name)
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"bench.exomarket.io/finalizer\"]}}");
    msi.setStatus(new ManagedServiceInstanceStatus());
    msi.getStatus().setState(InstanceState.Provisioning);
    msi = client.resource(msi).updateStatus();
    for (HasMetadata object : workload(ns, name)) {
      client.resource(object).create();
    }
    msi.getStatus().setState(InstanceState.Ready);
    client.resource(msi).updateStatus();
  }

  public void delete(int run, int i) {
    String ns = BenchObjects.namespace(PREFIX, i);
    String name = name(run, i);
    client.resources(ManagedServiceInstance.class).inNamespace(ns).withName(name).delete();
    for (HasMetadata object : workload(ns, name)) {
      client.resource(object).withGracePeriod(0).delete();
    }
    client
        .resources(ManagedServiceInstance.class)
        .inNamespace(ns)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
  }

  private static List<HasMetadata> workload(String ns, String name) {
    return List.of(
        new ResourceQuotaBuilder().withMetadata(meta(ns, "q-" + name)).build(),
        new SecretBuilder().withMetadata(meta(ns, name + "-credentials")).build(),
        new ConfigMapBuilder().withMetadata(meta(ns, name + "-users")).build(),
        new ServiceBuilder()
            .withMetadata(meta(ns, name))
            .withNewSpec()
            .withClusterIP("None") // headless, as the operator's: no service IP to allocate
            .addNewPort()
            .withPort(5432)
            .endPort()
            .endSpec()
            .build(),
        new NetworkPolicyBuilder()
            .withMetadata(meta(ns, name))
            .withNewSpec()
            .withNewPodSelector()
            .endPodSelector()
            .endSpec()
            .build(),
        new StatefulSetBuilder()
            .withMetadata(meta(ns, name))
            .withNewSpec()
            .withReplicas(1)
            .withServiceName(name)
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("db")
            .withImage("registry.example.com/acme-db:1.4.2")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String ns, String name) {
    return new ObjectMetaBuilder().withNamespace(ns).withName(name).withLabels(LABELS).build();
  }
}
