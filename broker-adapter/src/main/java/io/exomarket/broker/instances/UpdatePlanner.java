package io.exomarket.broker.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.broker.osb.Json;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.ParameterSchemaValidator;
import io.exomarket.broker.osb.Problem;
import io.exomarket.broker.osb.RequestedMaintenance;
import io.exomarket.broker.osb.UpdateRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns a PATCH into the spec it asks for, or refuses it (400/422) without side effects. One call
 * shape carries Exoscale's three intents: the suspension plan id sets {@code suspended} and keeps
 * the plan; a normal plan id resumes and/or changes plan; {@code parameters.users} replaces the
 * users; {@code maintenance_info.version} (the plan's current one, else 422) upgrades. Suspending
 * and resuming are always allowed: {@code plan_updateable} governs plan changes.
 */
final class UpdatePlanner {
  /** The new spec, and the kind of change (null when nothing changes). */
  record Plan(ManagedServiceInstanceSpec spec, OperationType type) {
    boolean changes() {
      return type != null;
    }
  }

  private final ParameterSchemaValidator validator;

  UpdatePlanner(ParameterSchemaValidator validator) {
    this.validator = validator;
  }

  Plan plan(ManagedServiceInstanceSpec current, UpdateRequest req, ServiceOfferingSpec offering) {
    if (!req.serviceId().equals(current.getServiceId())) {
      throw OsbError.badRequest(
          "service_id "
              + req.serviceId()
              + " is not the instance's service "
              + current.getServiceId());
    }
    String planId = current.getPlanId();
    boolean suspended = current.isSuspended();
    if (req.planId() != null) {
      if (offering.isSuspensionPlan(req.planId())) {
        suspended = true;
      } else {
        offering
            .plan(req.planId())
            .orElseThrow(
                () ->
                    OsbError.badRequest(
                        "unknown plan_id " + req.planId() + " for service " + offering.getId()));
        suspended = false;
        if (!req.planId().equals(current.getPlanId())) {
          requireUpdateable(offering, current.getPlanId(), req.planId());
          planId = req.planId();
        }
      }
    }
    PlanSpec target =
        offering
            .plan(planId)
            .orElseThrow(
                () ->
                    OsbError.badRequest(
                        "plan "
                            + current.getPlanId()
                            + " is no longer in the catalog; change to a listed plan"));
    RequestedMaintenance.check(
        req.maintenanceVersion(), target.getMaintenanceInfo(), target.getId());
    if (req.parameters() != null) {
      validator.validate(
          target.getSchemas() == null ? null : target.getSchemas().getUpdate(),
          req.parameters(),
          "parameters");
    }

    ManagedServiceInstanceSpec next = copy(current);
    next.setPlanId(planId);
    next.setSuspended(suspended);
    if (req.users() != null) next.setUsers(new ArrayList<>(req.users()));
    if (req.parameters() != null)
      next.setParameters(merge(current.getParameters(), req.parameters()));
    // The instance runs its plan's current version after a plan change or an upgrade the platform
    // asks for (maintenance_info.version, checked above to be the plan's current one).
    if (req.maintenanceVersion() != null || !planId.equals(current.getPlanId())) {
      next.setMaintenanceVersion(
          target.getMaintenanceInfo() == null ? null : target.getMaintenanceInfo().getVersion());
    }
    if (next.equals(current)) return new Plan(current, null);
    // The operator checks the whole parameters against the plan's create schema: refuse here (400)
    // a change that would leave the instance stalled there.
    if (req.parameters() != null || !planId.equals(current.getPlanId())) {
      validator.validate(
          target.getSchemas() == null ? null : target.getSchemas().getCreate(),
          next.getParameters(),
          "the resulting parameters");
    }
    OperationType type = OperationType.UPDATE;
    if (!current.isSuspended() && suspended) type = OperationType.SUSPEND;
    else if (current.isSuspended() && !suspended) type = OperationType.RESUME;
    return new Plan(next, type);
  }

  private static void requireUpdateable(
      ServiceOfferingSpec offering, String fromPlan, String toPlan) {
    Boolean planLevel = offering.plan(fromPlan).map(PlanSpec::getPlanUpdateable).orElse(null);
    boolean updateable = planLevel != null ? planLevel : offering.isPlanUpdateable();
    if (!updateable) {
      throw new OsbError(
          Problem.PLAN_CHANGE_NOT_SUPPORTED,
          "plan "
              + fromPlan
              + " of service "
              + offering.getId()
              + " cannot be changed to "
              + toPlan
              + ": plan_updateable is false");
    }
  }

  /** Top-level merge: a key sent replaces the stored one, a key sent as null removes it. */
  private static JsonNode merge(JsonNode stored, ObjectNode changes) {
    ObjectNode merged =
        stored != null && stored.isObject()
            ? ((ObjectNode) stored).deepCopy()
            : Json.MAPPER.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = changes.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isNull()) merged.remove(f.getKey());
      else merged.set(f.getKey(), f.getValue());
    }
    return merged.isEmpty() ? null : merged;
  }

  private static ManagedServiceInstanceSpec copy(ManagedServiceInstanceSpec s) {
    ManagedServiceInstanceSpec c = new ManagedServiceInstanceSpec();
    c.setInstanceId(s.getInstanceId());
    c.setServiceId(s.getServiceId());
    c.setPlanId(s.getPlanId());
    c.setOrganization(s.getOrganization());
    c.setSuspended(s.isSuspended());
    c.setUsers(new ArrayList<>(s.getUsers()));
    c.setParameters(s.getParameters() == null ? null : s.getParameters().deepCopy());
    c.setContext(s.getContext());
    c.setMaintenanceVersion(s.getMaintenanceVersion());
    return c;
  }
}
