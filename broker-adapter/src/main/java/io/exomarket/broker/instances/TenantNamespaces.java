package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One namespace per Exoscale organization, named {@code <prefix><lowercased org uuid>}: the same
 * organization always lands in the same namespace, whichever replica serves it.
 */
public final class TenantNamespaces {
  private final KubernetesClient client;
  private final String prefix;

  /** Namespaces known to exist: an optimization only, dropped when a create says otherwise. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public TenantNamespaces(KubernetesClient client, String prefix) {
    this.client = client;
    this.prefix = prefix;
  }

  public String namespaceFor(String organization) {
    return prefix + organization.toLowerCase(java.util.Locale.ROOT);
  }

  /** Creates the tenant namespace when missing; a concurrent create by another replica is fine. */
  public void ensure(String organization) {
    String name = namespaceFor(organization);
    if (known.contains(name)) return;
    if (client.namespaces().withName(name).get() == null) {
      Namespace ns =
          new NamespaceBuilder()
              .withNewMetadata()
              .withName(name)
              .addToLabels(ApiGroup.TENANT_LABEL, "true")
              .addToLabels(ApiGroup.ORGANIZATION_LABEL, organization)
              .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
              .endMetadata()
              .build();
      try {
        client.namespaces().resource(ns).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
      }
    }
    known.add(name);
  }

  /** Called when a write found the namespace missing (deleted behind our back). */
  public void forget(String organization) {
    known.remove(namespaceFor(organization));
  }
}
