package io.exomarket.broker.instances;

import io.exomarket.api.template.DashboardUrls;
import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.OsbException;
import io.exomarket.broker.osb.OsbReply;
import io.exomarket.broker.osb.ProvisionRequest;
import io.exomarket.broker.osb.RequestMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code PUT /v2/service_instances/:id}. Everything is validated before anything is written; then
 * the tenant namespace is ensured and the MSI created. The MSI is the durable intent: once it is
 * written, the answer is a success (201, or 202 when async) even if the operator is slow, because
 * a 422/5xx would make the platform delete a healthy instance. Only an instance the operator
 * reports as failed gets a 5xx, so that orphan mitigation cleans it up.
 */
public final class Provisioner {
  private final InstanceServices s;

  public Provisioner(InstanceServices services) {
    this.s = services;
  }

  public CompletableFuture<OsbReply> provision(
      String instanceId, ProvisionRequest req, RequestMeta meta, boolean async) {
    ServiceOfferingSpec offering =
        s.offerings().byServiceId(req.serviceId())
            .orElseThrow(() -> OsbException.badRequest("unknown service_id " + req.serviceId()));
    if (offering.isSuspensionPlan(req.planId())) {
      throw OsbException.badRequest(
          "plan_id " + req.planId() + " is the suspension plan; provision a normal plan");
    }
    PlanSpec plan =
        offering.plan(req.planId())
            .orElseThrow(() -> OsbException.badRequest(
                "unknown plan_id " + req.planId() + " for service " + req.serviceId()));
    io.exomarket.broker.osb.RequestedMaintenance.check(req.maintenanceVersion(), plan.getMaintenanceInfo(), plan.getId());
    s.validator().validate(plan.getSchemas() == null ? null : plan.getSchemas().getCreate(), req.parameters(), "parameters");

    ManagedServiceInstanceSpec desired = desiredSpec(instanceId, req);
    // The cache is enough here: a re-sent PUT that another replica has just served lands on the
    // same deterministic name and namespace, so the API server's 409 AlreadyExists catches it.
    Optional<ManagedServiceInstance> existing = s.repository().findCached(instanceId);
    if (existing.isPresent()) return answerExisting(existing.get(), desired, offering, async);

    String namespace = s.namespaces().namespaceFor(req.organization());
    String name = InstanceNames.nameFor(instanceId);
    s.namespaces().ensure(req.organization());
    ManagedServiceInstance msi = newInstance(namespace, name, desired, meta);
    InstanceWaiter.Wait wait = async ? null : s.waiter().register(namespace, name);
    ManagedServiceInstance created;
    try {
      created = create(msi, req.organization());
    } catch (RuntimeException e) {
      if (wait != null) wait.cancel();
      if (e instanceof KubernetesClientException kce && kce.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return existingAfterConflict(namespace, name, desired, offering, async);
      }
      throw e;
    }
    String dashboard = dashboardUrl(offering, created);
    long generation = Annotations.generationOf(created);
    if (async) {
      return CompletableFuture.completedFuture(
          OsbReply.of(202, body(dashboard, new OperationId(OperationType.PROVISION, generation))));
    }
    return wait.arm(doneWith(generation), null, s.syncTimeout())
        .thenApply(result -> syncAnswer(result, 201, generation, offering, created));
  }

  /** Another request (maybe on another replica) created it first: answer as for a re-sent PUT. */
  private CompletableFuture<OsbReply> existingAfterConflict(
      String namespace, String name, ManagedServiceInstanceSpec desired, ServiceOfferingSpec offering, boolean async) {
    ManagedServiceInstance current = s.repository().fetch(namespace, name);
    if (current == null) {
      throw new OsbException(503, "ServiceUnavailable", "the instance changed concurrently; retry");
    }
    if (!Objects.equals(current.getSpec().getInstanceId(), desired.getInstanceId())) {
      throw OsbException.conflict(
          "the name " + name + " derived from this instance id is taken by instance id "
              + current.getSpec().getInstanceId() + " (hash collision); choose another instance id");
    }
    return answerExisting(current, desired, offering, async);
  }

  private CompletableFuture<OsbReply> answerExisting(
      ManagedServiceInstance existing, ManagedServiceInstanceSpec desired, ServiceOfferingSpec offering, boolean async) {
    if (!sameAttributes(existing.getSpec(), desired)) {
      throw OsbException.conflict(
          "instance " + desired.getInstanceId() + " already exists with different attributes");
    }
    if (existing.getMetadata().getDeletionTimestamp() != null) {
      throw OsbException.concurrency("instance " + desired.getInstanceId() + " is being deleted");
    }
    long generation = Annotations.generationOf(existing);
    OperationStatus status = OperationStatus.ofGeneration(existing, generation);
    String dashboard = dashboardUrl(offering, existing);
    if (status.failed()) return CompletableFuture.completedFuture(failed(status));
    if (!status.inProgress()) return CompletableFuture.completedFuture(OsbReply.of(200, body(dashboard, null)));
    if (async) {
      OperationId op = new OperationId(OperationType.PROVISION, generation);
      return CompletableFuture.completedFuture(OsbReply.of(202, body(dashboard, op)));
    }
    InstanceWaiter.Wait wait =
        s.waiter().register(existing.getMetadata().getNamespace(), existing.getMetadata().getName());
    return wait.arm(doneWith(generation), existing, s.syncTimeout())
        .thenApply(result -> syncAnswer(result, 200, generation, offering, existing));
  }

  private OsbReply syncAnswer(
      InstanceWaiter.Result result, int okStatus, long generation, ServiceOfferingSpec offering, ManagedServiceInstance written) {
    if (result.timedOut()) return OsbReply.of(okStatus, body(dashboardUrl(offering, written), null));
    if (result.gone()) {
      return OsbReply.error(new OsbException(500, "ProvisionFailed", "the instance was deleted while provisioning"));
    }
    OperationStatus status = OperationStatus.ofGeneration(result.msi(), generation);
    if (status.failed()) return failed(status);
    return OsbReply.of(okStatus, body(dashboardUrl(offering, result.msi()), null));
  }

  private static OsbReply failed(OperationStatus status) {
    return OsbReply.error(new OsbException(500, "ProvisionFailed", "provisioning failed: " + status.description()));
  }

  static java.util.function.Predicate<ManagedServiceInstance> doneWith(long generation) {
    return msi -> msi == null || !OperationStatus.ofGeneration(msi, generation).inProgress();
  }

  /** Creates the MSI; a namespace deleted behind our back is recreated once. */
  private ManagedServiceInstance create(ManagedServiceInstance msi, String organization) {
    try {
      return s.repository().create(msi);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) throw e;
      s.namespaces().forget(organization);
      s.namespaces().ensure(organization);
      return s.repository().create(msi);
    }
  }

  private static ManagedServiceInstanceSpec desiredSpec(String instanceId, ProvisionRequest req) {
    ManagedServiceInstanceSpec spec = new ManagedServiceInstanceSpec();
    spec.setInstanceId(instanceId);
    spec.setServiceId(req.serviceId());
    spec.setPlanId(req.planId());
    spec.setOrganization(req.organization());
    spec.setSuspended(false);
    spec.setUsers(new java.util.ArrayList<>(req.users()));
    spec.setParameters(req.parameters() == null || req.parameters().isEmpty() ? null : req.parameters());
    spec.setContext(req.context());
    return spec;
  }

  /**
   * What makes a re-sent PUT "identical": service, plan, organization, users and parameters. The
   * context is not an attribute of the instance (a renamed organization must not turn a retry into
   * a 409), and suspension is the platform's doing, not the request's.
   */
  static boolean sameAttributes(ManagedServiceInstanceSpec a, ManagedServiceInstanceSpec b) {
    return Objects.equals(a.getServiceId(), b.getServiceId())
        && Objects.equals(a.getPlanId(), b.getPlanId())
        && Objects.equals(a.getOrganization(), b.getOrganization())
        && Objects.equals(a.getUsers(), b.getUsers())
        && Objects.equals(emptyToNull(a.getParameters()), emptyToNull(b.getParameters()));
  }

  private static JsonNode emptyToNull(JsonNode node) {
    return node == null || node.isNull() || (node.isObject() && node.isEmpty()) ? null : node;
  }

  private static ManagedServiceInstance newInstance(
      String namespace, String name, ManagedServiceInstanceSpec spec, RequestMeta meta) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    msi.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .addToLabels(InstanceNames.INSTANCE_ID_HASH_LABEL, InstanceNames.hashOf(spec.getInstanceId()))
            .addToLabels(ApiGroup.ORGANIZATION_LABEL, spec.getOrganization())
            .build());
    msi.setSpec(spec);
    msi.setStatus(null);
    Annotations.record(msi, meta, OperationType.PROVISION);
    return msi;
  }

  static String dashboardUrl(ServiceOfferingSpec offering, ManagedServiceInstance msi) {
    if (msi.getStatus() != null && msi.getStatus().getDashboardUrl() != null) {
      return msi.getStatus().getDashboardUrl();
    }
    return DashboardUrls.render(
        offering.getWorkload() == null ? null : offering.getWorkload().getDashboardUrlTemplate(),
        msi.getSpec().getInstanceId(),
        msi.getMetadata().getName(),
        msi.getMetadata().getNamespace(),
        msi.getSpec().getOrganization());
  }

  private static Map<String, Object> body(String dashboardUrl, OperationId operation) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (dashboardUrl != null) body.put("dashboard_url", dashboardUrl);
    if (operation != null) body.put("operation", operation.toString());
    return body;
  }
}
