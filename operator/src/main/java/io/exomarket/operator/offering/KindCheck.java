package io.exomarket.operator.offering;

import io.exomarket.graph.CompiledGraph;
import io.exomarket.graph.CompiledResource;
import io.exomarket.operator.workload.WorkloadInformers;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the operator can manage every kind a graph uses: served by the API server, namespaced
 * (objects go to the instance's namespace), and granted to the operator's service account for the
 * verbs it needs (an informer on a kind it may not list would never sync). Asked once per offering
 * generation and on rechecks while something is missing, never on an instance's reconcile.
 */
public final class KindCheck {
  static final List<String> VERBS =
      List.of("get", "list", "watch", "create", "update", "patch", "delete");

  private final KubernetesClient client;

  public KindCheck(KubernetesClient client) {
    this.client = client;
  }

  /** One line per kind that cannot be used, saying why; empty when all can. */
  public List<String> unavailable(CompiledGraph graph) {
    Map<String, CompiledResource> kinds = new LinkedHashMap<>();
    graph.resources().forEach(r -> kinds.putIfAbsent(r.apiVersion() + " " + r.kind(), r));
    List<String> problems = new ArrayList<>();
    kinds.values().forEach(r -> problem(r).ifPresent(problems::add));
    return problems;
  }

  private Optional<String> problem(CompiledResource resource) {
    String name = resource.kind() + " (" + resource.apiVersion() + ")";
    Optional<APIResource> served = served(resource);
    if (served.isEmpty()) {
      return Optional.of(name + " is not served by the API server (is its CRD installed?)");
    }
    if (!Boolean.TRUE.equals(served.get().getNamespaced())) {
      return Optional.of(
          name + " is cluster-scoped; a graph creates objects in the instance's namespace");
    }
    if (new WorkloadInformers.Kind(resource.apiVersion(), resource.kind()).readPerNamespace()) {
      // Granted per tenant namespace (TenantGrant), so no cluster-wide review can answer; a
      // missing grant shows on the instance as WorkloadRejected with the API server's 403.
      return Optional.empty();
    }
    List<String> denied =
        VERBS.stream()
            .filter(verb -> !allowed(resource.group(), served.get().getName(), verb))
            .toList();
    if (!denied.isEmpty()) {
      return Optional.of(
          "the operator may not "
              + String.join(", ", denied)
              + " "
              + served.get().getName()
              + (resource.group().isEmpty() ? "" : "." + resource.group())
              + "; grant it (deploy/workload-kinds shows how)");
    }
    return Optional.empty();
  }

  private Optional<APIResource> served(CompiledResource resource) {
    APIResourceList list;
    try {
      list = client.getApiResources(resource.apiVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    if (list == null) {
      return Optional.empty();
    }
    return list.getResources().stream()
        .filter(r -> resource.kind().equals(r.getKind()) && !r.getName().contains("/"))
        .findFirst();
  }

  private boolean allowed(String group, String plural, String verb) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withGroup(group)
            .withResource(plural)
            .withVerb(verb)
            .endResourceAttributes()
            .endSpec()
            .build();
    SelfSubjectAccessReview answer =
        client.authorization().v1().selfSubjectAccessReview().create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
