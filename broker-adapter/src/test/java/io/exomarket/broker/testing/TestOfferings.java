package io.exomarket.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.v1alpha1.BindingTemplate;
import io.exomarket.api.v1alpha1.MaintenanceInfo;
import io.exomarket.api.v1alpha1.ParameterSchemas;
import io.exomarket.api.v1alpha1.PlanResources;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.api.v1alpha1.WorkloadTemplate;
import io.exomarket.broker.osb.Json;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * ServiceOfferings for tests: one updateable service with a parameter schema, one not updateable.
 */
public final class TestOfferings {
  public static final String SERVICE = "svc-kv";
  public static final String SMALL = "plan-small";
  public static final String LARGE = "plan-large";
  public static final String SUSPENDED = "plan-suspended";
  public static final String FIXED_SERVICE = "svc-fixed";
  public static final String FIXED_PLAN = "plan-fixed";
  public static final String FIXED_OTHER = "plan-fixed-other";
  public static final String FIXED_SUSPENDED = "plan-fixed-suspended";
  public static final String MAINTENANCE_VERSION = "1.2.0";
  public static final String DASHBOARD =
      "https://dash.example.com/{organization}/{namespace}/{name}?id={instanceId}";

  private TestOfferings() {}

  /**
   * Plans small (with a create/update schema and maintenance_info 1.2.0) and large; updateable;
   * bindable, bindings retrievable.
   */
  public static ServiceOffering keyValue() {
    JsonNode schema =
        json(
            """
        {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
         "properties": {"size": {"type": "integer", "minimum": 1, "maximum": 10},
                        "region": {"type": "string"}},
         "additionalProperties": false}
        """);
    ParameterSchemas schemas = new ParameterSchemas();
    schemas.setCreate(schema);
    schemas.setUpdate(schema);
    PlanSpec small = plan(SMALL, "small", schemas);
    MaintenanceInfo mi = new MaintenanceInfo();
    mi.setVersion(MAINTENANCE_VERSION);
    mi.setDescription("Key-value 1.2");
    small.setMaintenanceInfo(mi);
    PlanSpec large = plan(LARGE, "large", schemas);
    large.setMaintenanceInfo(mi);
    ServiceOffering kv = offering("kv", SERVICE, "kv", SUSPENDED, true, List.of(small, large));
    kv.getSpec().setBindable(true);
    kv.getSpec().setBindingsRetrievable(true);
    BindingTemplate binding = new BindingTemplate();
    binding.getCredentials().put("username", "binding.username");
    binding.getCredentials().put("password", "binding.password");
    binding.getCredentials().put("host", "instance.name + '.' + instance.namespace + '.svc'");
    kv.getSpec().setBinding(binding);
    return kv;
  }

  /**
   * A service whose plans cannot change (plan_updateable false), instances are not retrievable and
   * that cannot be bound.
   */
  public static ServiceOffering fixed() {
    ServiceOffering o =
        offering(
            "fixed",
            FIXED_SERVICE,
            "fixed",
            FIXED_SUSPENDED,
            false,
            List.of(plan(FIXED_PLAN, "fixed", null), plan(FIXED_OTHER, "fixed-other", null)));
    o.getSpec().setInstancesRetrievable(false);
    return o;
  }

  public static ServiceOffering offering(
      String resourceName,
      String serviceId,
      String serviceName,
      String suspensionPlanId,
      boolean updateable,
      List<PlanSpec> plans) {
    ServiceOfferingSpec spec = new ServiceOfferingSpec();
    spec.setId(serviceId);
    spec.setName(serviceName);
    spec.setDescription("The " + serviceName + " service");
    spec.setTags(new ArrayList<>(List.of("test")));
    spec.setPlanUpdateable(updateable);
    spec.setSuspensionPlanId(suspensionPlanId);
    WorkloadTemplate workload = new WorkloadTemplate();
    workload.setImage("registry.example.com/" + serviceName + ":1");
    workload.setDashboardUrlTemplate(DASHBOARD);
    spec.setWorkload(workload);
    spec.setPlans(new ArrayList<>(plans));
    ServiceOffering offering = new ServiceOffering();
    offering.setMetadata(new ObjectMetaBuilder().withName(resourceName).build());
    offering.setSpec(spec);
    return offering;
  }

  public static PlanSpec plan(String id, String name, ParameterSchemas schemas) {
    PlanSpec plan = new PlanSpec();
    plan.setId(id);
    plan.setName(name);
    plan.setDescription("The " + name + " plan");
    plan.setResources(new PlanResources());
    plan.setSchemas(schemas);
    return plan;
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
