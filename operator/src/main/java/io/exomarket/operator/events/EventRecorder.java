package io.exomarket.operator.events;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on an instance. Events are best effort: a failure to record one is
 * logged and never fails a reconcile. Messages never contain credentials. The OSB request id that
 * last changed the instance is attached, so an SRE can follow a platform request to its events.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  public static final String COMPONENT = "exomarket-operator";

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata object, Reason reason, String message) {
    record(object, "Normal", reason, message);
  }

  public void warning(HasMetadata object, Reason reason, String message) {
    record(object, "Warning", reason, message);
  }

  /** For reasons outside the instance lifecycle vocabulary (e.g. metering). */
  public void record(HasMetadata object, String type, Reason reason, String message) {
    record(object, type, reason.value(), message);
  }

  public void record(HasMetadata object, String type, String reason, String message) {
    String now = clock.instant().toString();
    String requestId = annotation(object, ApiGroup.REQUEST_ID_ANNOTATION);
    String text = requestId == null ? message : message + " (request " + requestId + ")";
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                object.getMetadata().getName()
                    + "."
                    + UUID.randomUUID().toString().substring(0, 13))
            .withNamespace(object.getMetadata().getNamespace())
            .withAnnotations(
                requestId == null ? Map.of() : Map.of(ApiGroup.REQUEST_ID_ANNOTATION, requestId))
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(object.getApiVersion())
                    .withKind(object.getKind())
                    .withName(object.getMetadata().getName())
                    .withNamespace(object.getMetadata().getNamespace())
                    .withUid(object.getMetadata().getUid())
                    .withResourceVersion(object.getMetadata().getResourceVersion())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(truncate(text))
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource(COMPONENT, null)
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(object.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not record event {} on {}/{}: {}",
          reason,
          object.getMetadata().getNamespace(),
          object.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static String truncate(String message) {
    return message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
  }
}
