package io.exomarket.api.v1alpha1;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** Reads the escape-hatch annotations an SRE sets on an instance (see {@link ApiGroup}). */
public final class EscapeHatches {
  private EscapeHatches() {}

  public static boolean paused(HasMetadata object) {
    return isTrue(object, ApiGroup.PAUSED_ANNOTATION);
  }

  public static boolean deletionPrevented(HasMetadata object) {
    return isTrue(object, ApiGroup.PREVENT_DELETION_ANNOTATION);
  }

  /** {@code deletion-policy: orphan}: deletion leaves the workload in place. */
  public static boolean orphanOnDeletion(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null
        && ApiGroup.DELETION_POLICY_ORPHAN.equalsIgnoreCase(
            String.valueOf(annotations.get(ApiGroup.DELETION_POLICY_ANNOTATION)).trim());
  }

  private static boolean isTrue(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(key));
  }
}
