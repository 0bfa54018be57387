package io.exomarket.operator.retention;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels and annotations a retained object carries instead of its instance's: who it belonged
 * to (instance id, organization, offering, plan) and when the purge loop deletes it.
 */
public record RetentionMarks(Map<String, String> labels, Map<String, String> annotations) {
  /** Labels an instance's objects carry that must go, so that no later instance adopts them. */
  public static final List<String> INSTANCE_LABELS =
      List.of(ApiGroup.INSTANCE_LABEL, "app.kubernetes.io/instance");

  public static RetentionMarks of(ManagedServiceInstance instance, Instant purgeAfter) {
    var spec = instance.getSpec();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ApiGroup.RETAINED_LABEL, "true");
    labels.put(ApiGroup.RETAINED_INSTANCE_ID_LABEL, labelValue(spec.getInstanceId()));
    String orgLabel = label(instance, ApiGroup.ORGANIZATION_LABEL);
    labels.put(
        ApiGroup.ORGANIZATION_LABEL,
        orgLabel != null ? orgLabel : labelValue(spec.getOrganization()));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ApiGroup.PURGE_AFTER_ANNOTATION, purgeAfter.toString());
    annotations.put(ApiGroup.RETAINED_INSTANCE_ANNOTATION, instance.getMetadata().getName());
    annotations.put(ApiGroup.ORGANIZATION_ID_ANNOTATION, String.valueOf(spec.getOrganization()));
    annotations.put(ApiGroup.RETAINED_OFFERING_ANNOTATION, String.valueOf(spec.getServiceId()));
    annotations.put(ApiGroup.RETAINED_PLAN_ANNOTATION, String.valueOf(spec.getPlanId()));
    return new RetentionMarks(Map.copyOf(labels), Map.copyOf(annotations));
  }

  /** The purge-after time of a retained object; null when it has none (or not readable). */
  public static Instant purgeAfter(Map<String, String> annotations) {
    String value = annotations == null ? null : annotations.get(ApiGroup.PURGE_AFTER_ANNOTATION);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String label(ManagedServiceInstance instance, String key) {
    Map<String, String> labels = instance.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  /**
   * A label holds at most 63 characters of [A-Za-z0-9._-]; anything else is left to annotations.
   */
  private static String labelValue(String value) {
    if (value == null) {
      return "";
    }
    String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "-");
    cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
    return cleaned.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
  }
}
