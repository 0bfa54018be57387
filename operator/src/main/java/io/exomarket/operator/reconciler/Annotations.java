package io.exomarket.operator.reconciler;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** Reads the escape-hatch annotations. */
public final class Annotations {
  private Annotations() {}

  public static boolean paused(HasMetadata object) {
    return isTrue(object, ApiGroup.PAUSED_ANNOTATION);
  }

  public static boolean deletionPrevented(HasMetadata object) {
    return isTrue(object, ApiGroup.PREVENT_DELETION_ANNOTATION);
  }

  private static boolean isTrue(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(key));
  }
}
