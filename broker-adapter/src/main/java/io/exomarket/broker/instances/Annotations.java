package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.broker.osb.RequestMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.Map;

/** The annotations the broker writes with each change it makes to an MSI. */
final class Annotations {
  /**
   * The kind of the change that produced the current generation: {@code <this>:<generation>} is its
   * OSB operation.
   */
  static final String OPERATION = ApiGroup.NAME + "/operation";

  private static final int MAX_REQUEST_ID = 256;

  private Annotations() {}

  static void record(ManagedServiceInstance msi, RequestMeta meta, OperationType type) {
    // A fresh map: the object may share its metadata with the informer cache, which is read-only.
    Map<String, String> annotations =
        msi.getMetadata().getAnnotations() == null
            ? new HashMap<>()
            : new HashMap<>(msi.getMetadata().getAnnotations());
    msi.getMetadata().setAnnotations(annotations);
    if (type != null) annotations.put(OPERATION, type.value());
    if (meta.requestId() != null && !meta.requestId().isBlank()) {
      String id = meta.requestId();
      annotations.put(
          ApiGroup.REQUEST_ID_ANNOTATION,
          id.length() > MAX_REQUEST_ID ? id.substring(0, MAX_REQUEST_ID) : id);
    }
    if (meta.identity() != null) {
      annotations.put(ApiGroup.ORIGINATING_IDENTITY_ANNOTATION, meta.identity().toAnnotation());
    }
  }

  /** A copy to write: new metadata (same resourceVersion, for locking) and the given spec. */
  static ManagedServiceInstance copyWithSpec(
      ManagedServiceInstance msi, ManagedServiceInstanceSpec spec) {
    ManagedServiceInstance copy = new ManagedServiceInstance();
    copy.setMetadata(new ObjectMetaBuilder(msi.getMetadata()).build());
    copy.setSpec(spec);
    copy.setStatus(msi.getStatus());
    return copy;
  }

  static boolean hasAny(RequestMeta meta) {
    return (meta.requestId() != null && !meta.requestId().isBlank()) || meta.identity() != null;
  }

  /** The OSB operation that produced the current generation. */
  static OperationId operationOf(ManagedServiceInstance msi) {
    Map<String, String> annotations = msi.getMetadata().getAnnotations();
    String type = annotations == null ? null : annotations.get(OPERATION);
    OperationType parsed = OperationType.UPDATE;
    for (OperationType t : OperationType.values()) {
      if (t.value().equals(type)) parsed = t;
    }
    return new OperationId(parsed, generationOf(msi));
  }

  static long generationOf(ManagedServiceInstance msi) {
    Long generation = msi.getMetadata().getGeneration();
    return generation == null ? 1L : generation;
  }
}
