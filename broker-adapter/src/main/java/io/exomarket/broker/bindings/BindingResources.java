package io.exomarket.broker.bindings;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceBindingSpec;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.instances.InstanceNames;
import io.exomarket.broker.osb.BindRequest;
import io.exomarket.broker.osb.RequestMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Objects;

/** The binding resource a bind request asks for, and what makes a re-sent PUT "the same". */
final class BindingResources {
  private static final int MAX_REQUEST_ID = 256;

  private BindingResources() {}

  /** {@code b-<up to 8 id chars>-<26 base32 chars of SHA-256>}: a DNS label whatever the id. */
  static String nameFor(String bindingId) {
    return "b" + InstanceNames.nameFor(bindingId).substring(1);
  }

  static ManagedServiceBindingSpec spec(
      ManagedServiceInstance instance, String bindingId, BindRequest req) {
    ManagedServiceBindingSpec spec = new ManagedServiceBindingSpec();
    spec.setInstanceName(instance.getMetadata().getName());
    spec.setInstanceId(instance.getSpec().getInstanceId());
    spec.setBindingId(bindingId);
    spec.setAppGuid(req.appGuid());
    spec.setBindResource(req.bindResource());
    spec.setParameters(req.parameters());
    spec.setContext(req.context());
    return spec;
  }

  /**
   * Next to its instance, owned by it (so that garbage collection removes the bindings of an
   * instance deleted by other means than a deprovision), labelled for lookups.
   */
  static ManagedServiceBinding of(
      ManagedServiceInstance instance, ManagedServiceBindingSpec spec, RequestMeta meta) {
    ObjectMetaBuilder metadata =
        new ObjectMetaBuilder()
            .withName(nameFor(spec.getBindingId()))
            .withNamespace(instance.getMetadata().getNamespace())
            .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .addToLabels(
                BindingRepository.BINDING_ID_HASH_LABEL, InstanceNames.hashOf(spec.getBindingId()))
            .addToLabels(ApiGroup.BINDING_INSTANCE_LABEL, instance.getMetadata().getName())
            .addToOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(instance.getApiVersion())
                    .withKind(instance.getKind())
                    .withName(instance.getMetadata().getName())
                    .withUid(instance.getMetadata().getUid())
                    .build());
    if (meta.requestId() != null && !meta.requestId().isBlank()) {
      String id = meta.requestId();
      metadata.addToAnnotations(
          ApiGroup.REQUEST_ID_ANNOTATION,
          id.length() > MAX_REQUEST_ID ? id.substring(0, MAX_REQUEST_ID) : id);
    }
    if (meta.identity() != null) {
      metadata.addToAnnotations(
          ApiGroup.ORIGINATING_IDENTITY_ANNOTATION, meta.identity().toAnnotation());
    }
    ManagedServiceBinding binding = new ManagedServiceBinding();
    binding.setMetadata(metadata.build());
    binding.setSpec(spec);
    binding.setStatus(null);
    return binding;
  }

  /** Same instance, application, resource and parameters; the context is not an attribute. */
  static boolean sameAttributes(ManagedServiceBindingSpec a, ManagedServiceBindingSpec b) {
    return Objects.equals(a.getInstanceId(), b.getInstanceId())
        && Objects.equals(a.getAppGuid(), b.getAppGuid())
        && Objects.equals(emptyToNull(a.getBindResource()), emptyToNull(b.getBindResource()))
        && Objects.equals(emptyToNull(a.getParameters()), emptyToNull(b.getParameters()));
  }

  static long generationOf(ManagedServiceBinding binding) {
    Long generation = binding.getMetadata().getGeneration();
    return generation == null ? 1L : generation;
  }

  private static JsonNode emptyToNull(JsonNode node) {
    return node == null || node.isNull() || (node.isObject() && node.isEmpty()) ? null : node;
  }
}
