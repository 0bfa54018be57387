package io.exomarket.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.WorkloadTemplate;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What operator/src/main/java/io/exomarket/operator/dependent/*Dependent.java build today, the same
 * builder calls without the operator's context (this module may not depend on the operator). The
 * legacy translation must render these objects.
 */
final class LegacyDependents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LegacyDependents() {}

  static Map<String, Object> credentialsSecret(ManagedServiceInstance instance, String password) {
    return map(
        new SecretBuilder()
            .withMetadata(
                metadata(
                    instance, instance.getMetadata().getName() + "-credentials", "credentials"))
            .withType("Opaque")
            .withData(Map.of("username", base64("admin"), "password", base64(password)))
            .build());
  }

  static Map<String, Object> usersConfigMap(ManagedServiceInstance instance) throws Exception {
    return map(
        new ConfigMapBuilder()
            .withMetadata(metadata(instance, instance.getMetadata().getName() + "-users", "users"))
            .withData(Map.of("users.json", JSON.writeValueAsString(instance.getSpec().getUsers())))
            .build());
  }

  static Map<String, Object> service(ManagedServiceInstance instance, WorkloadTemplate workload) {
    int port = workload.getPort();
    return map(
        new ServiceBuilder()
            .withMetadata(metadata(instance, instance.getMetadata().getName(), "service"))
            .withNewSpec()
            .withClusterIP("None")
            .withSelector(selector(instance))
            .addNewPort()
            .withName("service")
            .withPort(port)
            .withNewTargetPort(port)
            .withProtocol("TCP")
            .endPort()
            .endSpec()
            .build());
  }

  static Map<String, Object> networkPolicy(ManagedServiceInstance instance) {
    return map(
        new NetworkPolicyBuilder()
            .withMetadata(
                metadata(instance, instance.getMetadata().getName() + "-isolation", "isolation"))
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(selector(instance))
            .endPodSelector()
            .withPolicyTypes("Ingress")
            .addNewIngress()
            .withFrom(
                new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build(),
                new NetworkPolicyPeerBuilder()
                    .withNewNamespaceSelector()
                    .withMatchLabels(Map.of("marketplace.exomarket.io/provider-access", "true"))
                    .endNamespaceSelector()
                    .build())
            .endIngress()
            .endSpec()
            .build());
  }

  static StatefulSetBuilder statefulSet(
      ManagedServiceInstance instance, WorkloadTemplate workload, PlanSpec plan) throws Exception {
    var size = plan.getResources();
    Map<String, Quantity> limits = Map.of("cpu", size.getCpu(), "memory", size.getMemory());
    int replicas = instance.getSpec().isSuspended() ? 0 : size.getReplicas();
    String name = instance.getMetadata().getName();
    return new StatefulSetBuilder()
        .withMetadata(metadata(instance, name, "workload"))
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(name)
        .withNewSelector()
        .withMatchLabels(selector(instance))
        .endSelector()
        .withNewPersistentVolumeClaimRetentionPolicy()
        .withWhenScaled("Retain")
        .withWhenDeleted("Retain")
        .endPersistentVolumeClaimRetentionPolicy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels(instance))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .addNewContainer()
        .withName("service")
        .withImage(workload.getImage())
        .addNewPort()
        .withName("service")
        .withContainerPort(workload.getPort())
        .endPort()
        .withEnv(env(instance, workload, plan))
        .withNewResources()
        .withRequests(limits)
        .withLimits(limits)
        .endResources()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath(workload.getDataPath())
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("users")
        .withMountPath("/etc/exomarket")
        .withReadOnly(true)
        .endVolumeMount()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .endSecurityContext()
        .endContainer()
        .addNewVolume()
        .withName("users")
        .withNewConfigMap()
        .withName(name + "-users")
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("data")
                .withLabels(labels(instance))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(workload.getStorageClass())
                .withNewResources()
                .withRequests(Map.of("storage", size.getStorage()))
                .endResources()
                .endSpec()
                .build())
        .endSpec();
  }

  private static List<EnvVar> env(
      ManagedServiceInstance instance, WorkloadTemplate workload, PlanSpec plan) throws Exception {
    List<EnvVar> env = new ArrayList<>();
    workload.getEnv().forEach((name, value) -> env.add(new EnvVar(name, value, null)));
    env.add(new EnvVar("SERVICE_INSTANCE_ID", instance.getSpec().getInstanceId(), null));
    env.add(new EnvVar("SERVICE_PLAN_ID", plan.getId(), null));
    env.add(new EnvVar("SERVICE_ORGANIZATION", instance.getSpec().getOrganization(), null));
    env.add(new EnvVar("SERVICE_USERS_FILE", "/etc/exomarket/users.json", null));
    env.add(
        new EnvVar(
            "SERVICE_PARAMETERS",
            instance.getSpec().getParameters() == null
                ? "{}"
                : JSON.writeValueAsString(instance.getSpec().getParameters()),
            null));
    env.add(secretEnv("SERVICE_USERNAME", instance, "username"));
    env.add(secretEnv("SERVICE_PASSWORD", instance, "password"));
    return env;
  }

  private static EnvVar secretEnv(String name, ManagedServiceInstance instance, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(instance.getMetadata().getName() + "-credentials")
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  static Map<String, String> selector(ManagedServiceInstance instance) {
    return Map.of("marketplace.exomarket.io/instance", instance.getMetadata().getName());
  }

  static Map<String, String> labels(ManagedServiceInstance instance) {
    Map<String, String> labels = new LinkedHashMap<>(selector(instance));
    labels.put("app.kubernetes.io/managed-by", "exomarket-operator");
    labels.put("app.kubernetes.io/instance", instance.getMetadata().getName());
    return labels;
  }

  /** The dependents' metadata, plus the label naming the graph resource (new with the graph). */
  private static ObjectMeta metadata(ManagedServiceInstance instance, String name, String id) {
    Map<String, String> labels = labels(instance);
    labels.put("marketplace.exomarket.io/resource", id);
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(instance.getMetadata().getNamespace())
        .withLabels(labels)
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder()
        .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(HasMetadata object) {
    return (Map<String, Object>)
        io.exomarket.graph.cel.CelValues.toPlain(
            Samples.SERIALIZATION.convertValue(object, Map.class));
  }
}
