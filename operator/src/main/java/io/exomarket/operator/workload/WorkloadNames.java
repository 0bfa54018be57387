package io.exomarket.operator.workload;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of the objects that make up one instance's workload. */
public final class WorkloadNames {
  /** Label selector that limits the dependents' informers to objects this operator made. */
  public static final String MANAGED_SELECTOR =
      ApiGroup.MANAGED_BY_LABEL + "=" + ApiGroup.MANAGED_BY_VALUE;

  /** Namespaces with this label (e.g. the provider's ingress) may reach every tenant's workload. */
  public static final String PROVIDER_ACCESS_LABEL = ApiGroup.NAME + "/provider-access";

  public static final String DATA_VOLUME = "data";

  private WorkloadNames() {}

  public static String workload(ManagedServiceInstance instance) {
    return instance.getMetadata().getName();
  }

  public static String credentialsSecret(ManagedServiceInstance instance) {
    return instance.getMetadata().getName() + "-credentials";
  }

  public static String networkPolicy(ManagedServiceInstance instance) {
    return instance.getMetadata().getName() + "-isolation";
  }

  public static String usersConfigMap(ManagedServiceInstance instance) {
    return instance.getMetadata().getName() + "-users";
  }

  /** Selector labels: stable for the instance's whole life. */
  public static Map<String, String> selector(ManagedServiceInstance instance) {
    return Map.of(ApiGroup.INSTANCE_LABEL, instance.getMetadata().getName());
  }

  /** Labels of every object of the instance. */
  public static Map<String, String> labels(ManagedServiceInstance instance) {
    Map<String, String> labels = new LinkedHashMap<>(selector(instance));
    labels.put(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE);
    labels.put("app.kubernetes.io/instance", instance.getMetadata().getName());
    return labels;
  }

  /** Metadata of an object of the instance: its name, the instance's namespace and labels. */
  static ObjectMeta metadata(ManagedServiceInstance instance, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(instance.getMetadata().getNamespace())
        .withLabels(labels(instance))
        .build();
  }

  static ResolvedPlan plan(Context<ManagedServiceInstance> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(ResolvedPlan.CONTEXT_KEY, ResolvedPlan.class);
  }
}
