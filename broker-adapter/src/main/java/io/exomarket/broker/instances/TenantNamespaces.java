package io.exomarket.broker.instances;

import io.exomarket.api.tenant.TenantGrant;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.PodSecurityLevel;
import io.exomarket.broker.osb.Organizations;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One namespace per organization, named {@code <prefix><key>}: the same organization always lands
 * in the same namespace, whichever replica serves it. The key of an organization UUID is the UUID
 * lowercased (Exoscale's namespaces, as always); any other id (CloudFoundry style) maps to {@code
 * <up to 20 sanitized chars>-<13 base32 chars of SHA-256>}, a valid label that no UUID key can take
 * (it is never 36 characters long) and that two ids share only by a 65-bit hash collision. The id
 * itself is kept in an annotation, since labels cannot hold every string.
 */
public final class TenantNamespaces {
  private static final int SLUG_CHARS = 20;
  private static final int HASH_CHARS = 13;

  private final KubernetesClient client;
  private final String prefix;
  private final List<TenantGrant> grants;

  /** Namespaces known to exist: an optimization only, dropped when a create says otherwise. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /**
   * @param grants the RoleBindings every tenant namespace gets (the components' tenant roles)
   */
  public TenantNamespaces(KubernetesClient client, String prefix, List<TenantGrant> grants) {
    this.client = client;
    this.prefix = prefix;
    this.grants = List.copyOf(grants);
  }

  public String namespaceFor(String organization) {
    return prefix + key(organization);
  }

  /** The organization as a label value: the UUID, or the slug and hash of another id. */
  public static String key(String organization) {
    if (Organizations.isUuid(organization)) return organization.toLowerCase(Locale.ROOT);
    StringBuilder slug = new StringBuilder(SLUG_CHARS);
    for (int i = 0; i < organization.length() && slug.length() < SLUG_CHARS; i++) {
      char c = Character.toLowerCase(organization.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) slug.append(c);
      else if (slug.length() > 0 && slug.charAt(slug.length() - 1) != '-') slug.append('-');
    }
    String hash = InstanceNames.hashOf(organization).substring(0, HASH_CHARS);
    while (slug.length() > 0 && slug.charAt(slug.length() - 1) == '-') {
      slug.setLength(slug.length() - 1);
    }
    return slug.length() == 0 ? hash : slug + "-" + hash;
  }

  /**
   * Creates the tenant namespace when missing, then its grants (before any instance is created in
   * it, so the operator can write the instance's Secrets at its first reconcile); a concurrent
   * create by another replica is fine. A namespace first seen by this process gets its grants again
   * (a 409 each when present): namespaces made before grants existed get them too.
   */
  public void ensure(String organization) {
    String name = namespaceFor(organization);
    if (known.contains(name)) return;
    if (client.namespaces().withName(name).get() == null) {
      Namespace ns =
          new NamespaceBuilder()
              .withNewMetadata()
              .withName(name)
              .addToLabels(ApiGroup.TENANT_LABEL, "true")
              .addToLabels(ApiGroup.ORGANIZATION_LABEL, key(organization))
              .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
              // Restricted from the first pod on; the operator lowers it to baseline only for an
              // offering that says so, and puts the labels back if someone removes them.
              .addToLabels(PodSecurityLevel.RESTRICTED.namespaceLabels())
              .addToAnnotations(ApiGroup.ORGANIZATION_ID_ANNOTATION, organization)
              .endMetadata()
              .build();
      try {
        client.namespaces().resource(ns).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
      }
    }
    for (TenantGrant grant : grants) {
      try {
        client.rbac().roleBindings().resource(grant.roleBinding(name)).create();
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
