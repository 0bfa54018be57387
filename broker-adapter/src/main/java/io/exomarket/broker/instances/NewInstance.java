package io.exomarket.broker.instances;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.template.DashboardUrls;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.MaintenanceInfo;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.ProvisionRequest;
import io.exomarket.broker.osb.RequestMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The MSI a provision asks for, and what makes a re-sent PUT "the same". */
final class NewInstance {
  private NewInstance() {}

  static ManagedServiceInstanceSpec spec(
      String instanceId, ProvisionRequest req, MaintenanceInfo maintenance) {
    ManagedServiceInstanceSpec spec = new ManagedServiceInstanceSpec();
    spec.setInstanceId(instanceId);
    spec.setServiceId(req.serviceId());
    spec.setPlanId(req.planId());
    spec.setOrganization(req.organization());
    spec.setSuspended(false);
    spec.setUsers(new ArrayList<>(req.users()));
    spec.setParameters(
        req.parameters() == null || req.parameters().isEmpty() ? null : req.parameters());
    spec.setContext(req.context());
    spec.setMaintenanceVersion(maintenance == null ? null : maintenance.getVersion());
    return spec;
  }

  static ManagedServiceInstance of(
      String namespace, String name, ManagedServiceInstanceSpec spec, RequestMeta meta) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    msi.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .addToLabels(
                InstanceNames.INSTANCE_ID_HASH_LABEL, InstanceNames.hashOf(spec.getInstanceId()))
            .addToLabels(ApiGroup.ORGANIZATION_LABEL, TenantNamespaces.key(spec.getOrganization()))
            .addToAnnotations(ApiGroup.ORGANIZATION_ID_ANNOTATION, spec.getOrganization())
            .build());
    msi.setSpec(spec);
    msi.setStatus(null);
    Annotations.record(msi, meta, OperationType.PROVISION);
    return msi;
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

  /** The operator's dashboard URL once it wrote one; before that the offering's template. */
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

  /** The answer body of a provision: the dashboard URL and, while running, the operation. */
  static Map<String, Object> body(String dashboardUrl, OperationId operation) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (dashboardUrl != null) {
      body.put("dashboard_url", dashboardUrl);
    }
    if (operation != null) {
      body.put("operation", operation.toString());
    }
    return body;
  }

  private static JsonNode emptyToNull(JsonNode node) {
    return node == null || node.isNull() || (node.isObject() && node.isEmpty()) ? null : node;
  }
}
