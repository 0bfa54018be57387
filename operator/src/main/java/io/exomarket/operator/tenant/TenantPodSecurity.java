package io.exomarket.operator.tenant;

import io.exomarket.api.v1alpha1.PodSecurityLevel;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Collection;
import java.util.Map;

/**
 * Keeps a tenant namespace's Pod Security labels at the weakest level its live instances' offerings
 * allow (restricted unless one says baseline): set back if someone removes or loosens them.
 */
public final class TenantPodSecurity {
  private TenantPodSecurity() {}

  /** Whether the labels were written. */
  public static boolean repair(
      KubernetesClient client, Namespace namespace, Collection<PodSecurityLevel> levels) {
    Map<String, String> wanted = PodSecurityLevel.weakest(levels).namespaceLabels();
    Map<String, String> current = namespace.getMetadata().getLabels();
    if (current != null && current.entrySet().containsAll(wanted.entrySet())) {
      return false;
    }
    // A merge patch of the labels alone: never the namespace's other fields, no resourceVersion
    // race.
    String patch =
        client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("labels", wanted)));
    client
        .namespaces()
        .withName(namespace.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    return true;
  }
}
