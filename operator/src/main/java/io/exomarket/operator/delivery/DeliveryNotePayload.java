package io.exomarket.operator.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of a delivery note. {@code id} is the instance uid: the same for every attempt, so
 * the receiver can deduplicate on it (it is also the Idempotency-Key header).
 */
public record DeliveryNotePayload(
    String id,
    String organization,
    String instanceId,
    String namespace,
    String name,
    String serviceId,
    String serviceName,
    String planId,
    String planName,
    String billableSince) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static DeliveryNotePayload of(ManagedServiceInstance instance, ServiceOffering offering) {
    var spec = instance.getSpec();
    PlanSpec plan =
        offering == null ? null : offering.getSpec().plan(spec.getPlanId()).orElse(null);
    return new DeliveryNotePayload(
        instance.getMetadata().getUid(),
        spec.getOrganization(),
        spec.getInstanceId(),
        instance.getMetadata().getNamespace(),
        instance.getMetadata().getName(),
        spec.getServiceId(),
        offering == null ? null : offering.getSpec().getName(),
        spec.getPlanId(),
        plan == null ? null : plan.getName(),
        instance.getStatus().getBillableSince());
  }

  public String toJson() {
    Map<String, Object> instance = new LinkedHashMap<>();
    instance.put("id", instanceId);
    instance.put("namespace", namespace);
    instance.put("name", name);
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("id", serviceId);
    service.put("name", serviceName);
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("id", planId);
    plan.put("name", planName);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("type", "delivery-note");
    body.put("organization", organization);
    body.put("instance", instance);
    body.put("service", service);
    body.put("plan", plan);
    body.put("billableSince", billableSince);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
