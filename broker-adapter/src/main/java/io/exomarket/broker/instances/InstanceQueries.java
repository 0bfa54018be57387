package io.exomarket.broker.instances;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.status.OperationProgress;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.Json;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.Users;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The read side: {@code last_operation} and {@code GET /v2/service_instances/:id}. */
public final class InstanceQueries {
  private final InstanceServices s;

  public InstanceQueries(InstanceServices services) {
    this.s = services;
  }

  /**
   * Served from the MSI: the operation id names the generation it waits for. An unknown instance is
   * 410 (a finished deletion) unless the platform asks about a non-delete operation (404).
   */
  public Outcome lastOperation(String instanceId, String serviceId, String operation) {
    OperationId op = operation == null || operation.isEmpty() ? null : OperationId.parse(operation);
    Optional<ManagedServiceInstance> found = s.repository().find(instanceId);
    if (found.isEmpty()) {
      if (op == null || op.isDeprovision()) return new Outcome.Gone();
      throw OsbError.notFound("instance " + instanceId + " does not exist");
    }
    ManagedServiceInstance msi = found.get();
    if (serviceId != null && !serviceId.equals(msi.getSpec().getServiceId())) {
      throw OsbError.badRequest("service_id " + serviceId + " is not the instance's service");
    }
    boolean deleting = msi.getMetadata().getDeletionTimestamp() != null;
    OperationProgress status;
    if ((op == null && deleting) || (op != null && op.isDeprovision())) {
      status = OperationProgress.ofDeletion(msi);
    } else {
      long generation = op == null ? Annotations.generationOf(msi) : op.generation();
      if (generation > Annotations.generationOf(msi)) {
        throw OsbError.badRequest("unknown operation " + operation);
      }
      status = OperationProgress.ofGeneration(msi, generation);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", status.state().value());
    body.put("description", status.description());
    if (status.failed()
        && op != null
        && op.type() != OperationType.PROVISION
        && !op.isDeprovision()) {
      body.put(
          "instance_usable",
          msi.getStatus() == null
              || msi.getStatus().getState() != io.exomarket.api.v1alpha1.InstanceState.Failed);
      body.put("update_repeatable", true);
    }
    return new Outcome.Polled(body, status.inProgress() ? s.retryAfterSeconds() : null);
  }

  /**
   * Only when the offering sets {@code instances_retrievable}. 404 while the first provision runs
   * (the spec's rule), 422 ConcurrencyError while a later change or the deletion runs. The body
   * carries the parameters (users included) and the maintenance_info the instance runs.
   */
  public Outcome fetch(String instanceId, String serviceId) {
    ManagedServiceInstance msi =
        s.repository()
            .find(instanceId)
            .orElseThrow(() -> OsbError.notFound("instance " + instanceId + " does not exist"));
    if (serviceId != null && !serviceId.equals(msi.getSpec().getServiceId())) {
      throw OsbError.badRequest("service_id " + serviceId + " is not the instance's service");
    }
    ServiceOfferingSpec offering =
        s.offerings()
            .byServiceId(msi.getSpec().getServiceId())
            .orElseThrow(() -> OsbError.notFound("the instance's service is no longer offered"));
    if (!offering.isInstancesRetrievable()) {
      throw OsbError.badRequest(
          "instances of service " + offering.getId() + " are not retrievable");
    }
    if (msi.getMetadata().getDeletionTimestamp() != null) {
      throw OsbError.concurrency("instance " + instanceId + " is being deleted");
    }
    OperationId op = Annotations.operationOf(msi);
    OperationProgress status = OperationProgress.ofGeneration(msi, op.generation());
    if (status.inProgress()) {
      if (op.type() == OperationType.PROVISION) {
        throw OsbError.notFound("instance " + instanceId + " is still being provisioned");
      }
      throw OsbError.concurrency("operation " + op + " is in progress on instance " + instanceId);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service_id", msi.getSpec().getServiceId());
    body.put(
        "plan_id",
        msi.getSpec().isSuspended() ? offering.getSuspensionPlanId() : msi.getSpec().getPlanId());
    String dashboard = NewInstance.dashboardUrl(offering, msi);
    if (dashboard != null) body.put("dashboard_url", dashboard);
    ObjectNode parameters =
        msi.getSpec().getParameters() instanceof ObjectNode p
            ? p.deepCopy()
            : Json.MAPPER.createObjectNode();
    if (!msi.getSpec().getUsers().isEmpty()) {
      parameters.set(
          Users.PARAMETER, Json.MAPPER.valueToTree(Users.toOsb(msi.getSpec().getUsers())));
    }
    body.put("parameters", parameters);
    String version = msi.getSpec().getMaintenanceVersion();
    if (version != null) {
      Map<String, Object> maintenance = new LinkedHashMap<>();
      maintenance.put("version", version);
      offering
          .plan(msi.getSpec().getPlanId())
          .map(PlanSpec::getMaintenanceInfo)
          .filter(mi -> version.equals(mi.getVersion()) && mi.getDescription() != null)
          .ifPresent(mi -> maintenance.put("description", mi.getDescription()));
      body.put("maintenance_info", maintenance);
    }
    return Outcome.done(body);
  }
}
