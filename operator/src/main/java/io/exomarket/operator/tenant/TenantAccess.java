package io.exomarket.operator.tenant;

import io.exomarket.api.tenant.TenantGrant;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;

/**
 * Keeps the operator's grant in a tenant namespace: the RoleBinding of its tenant ClusterRole
 * (reading and writing the instances' Secrets there), made by the broker with the namespace, put
 * back here when it was removed or altered, and made here for tenant namespaces the broker did not
 * create (GitOps). Without it the operator cannot write an instance's Secrets in that namespace.
 */
public final class TenantAccess {
  private TenantAccess() {}

  /** Writes the grant when the live RoleBindings lack it; whether anything was written. */
  public static boolean ensure(
      KubernetesClient client, TenantGrant grant, String namespace, Collection<RoleBinding> live) {
    if (live.stream().anyMatch(grant::isGrantedBy)) {
      return false;
    }
    RoleBinding wanted = grant.roleBinding(namespace);
    var bindings = client.rbac().roleBindings().inNamespace(namespace);
    try {
      bindings.resource(wanted).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    // It exists: most often the broker's, made a moment ago and not in the cache yet.
    if (grant.isGrantedBy(bindings.withName(wanted.getMetadata().getName()).get())) {
      return false;
    }
    // Altered: the role reference cannot change in place, so the binding is made anew.
    bindings.withName(wanted.getMetadata().getName()).delete();
    bindings.resource(wanted).create();
    return true;
  }
}
