package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.api.v1alpha1.MaintenanceInfo;
import io.exomarket.api.v1alpha1.ParameterSchemas;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import java.util.Collection;
import java.util.Comparator;

/**
 * {@code GET /v2/catalog} from the ServiceOffering resources. The suspension plan is listed like
 * any plan (Exoscale requires it in the catalog), free and without schemas.
 */
public final class CatalogView {
  private CatalogView() {}

  public static ObjectNode render(Collection<ServiceOfferingSpec> offerings) {
    ObjectNode catalog = Json.MAPPER.createObjectNode();
    ArrayNode services = catalog.putArray("services");
    offerings.stream()
        .sorted(
            Comparator.comparing(ServiceOfferingSpec::getName)
                .thenComparing(ServiceOfferingSpec::getId))
        .forEach(o -> services.add(service(o)));
    return catalog;
  }

  private static ObjectNode service(ServiceOfferingSpec o) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("id", o.getId());
    s.put("name", o.getName());
    s.put("description", o.getDescription());
    s.put("bindable", o.isBindable());
    s.put("instances_retrievable", o.isInstancesRetrievable());
    s.put("bindings_retrievable", o.isBindable() && o.isBindingsRetrievable());
    s.put("plan_updateable", o.isPlanUpdateable());
    s.put("allow_context_updates", false);
    ArrayNode tags = s.putArray("tags");
    o.getTags().forEach(tags::add);
    if (o.getMetadata() != null) s.set("metadata", o.getMetadata());
    ArrayNode plans = s.putArray("plans");
    o.getPlans().forEach(p -> plans.add(plan(p, o.isBindable())));
    plans.add(suspensionPlan(o));
    return s;
  }

  private static ObjectNode plan(PlanSpec p, boolean bindable) {
    ObjectNode plan = Json.MAPPER.createObjectNode();
    plan.put("id", p.getId());
    plan.put("name", p.getName());
    plan.put("description", p.getDescription());
    if (p.getFree() != null) plan.put("free", p.getFree());
    plan.put("bindable", bindable);
    if (p.getPlanUpdateable() != null) plan.put("plan_updateable", p.getPlanUpdateable());
    if (p.getMetadata() != null) plan.set("metadata", p.getMetadata());
    ParameterSchemas schemas = p.getSchemas();
    if (schemas != null && (schemas.getCreate() != null || schemas.getUpdate() != null)) {
      ObjectNode instance = plan.putObject("schemas").putObject("service_instance");
      putSchema(instance, "create", schemas.getCreate());
      putSchema(instance, "update", schemas.getUpdate());
    }
    MaintenanceInfo mi = p.getMaintenanceInfo();
    if (mi != null && mi.getVersion() != null) {
      ObjectNode m = plan.putObject("maintenance_info");
      m.put("version", mi.getVersion());
      if (mi.getDescription() != null) m.put("description", mi.getDescription());
    }
    return plan;
  }

  private static void putSchema(ObjectNode instance, String kind, JsonNode schema) {
    if (schema != null && !schema.isNull()) instance.putObject(kind).set("parameters", schema);
  }

  private static ObjectNode suspensionPlan(ServiceOfferingSpec o) {
    ObjectNode plan = Json.MAPPER.createObjectNode();
    plan.put("id", o.getSuspensionPlanId());
    plan.put("name", o.getSuspensionPlanName());
    plan.put(
        "description", "Technical plan: the instance is suspended (scaled to zero, data kept).");
    plan.put("free", true);
    plan.put("bindable", false);
    return plan;
  }
}
