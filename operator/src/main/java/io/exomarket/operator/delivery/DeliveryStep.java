package io.exomarket.operator.delivery;

import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.DeliveryNote;
import io.exomarket.api.v1alpha1.DeliveryNoteState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.config.DeliverySettings;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.outbound.Backoff;
import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.operator.status.InstanceStatusAggregator;
import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.ReconcileStep;
import io.exomarket.operator.steps.Requeue;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the delivery note of an instance to the vendor's webhook once it is billable ({@code
 * status.billableSince} set), following the metering discipline: (1) write the intent (state
 * Sending, a new attemptId) before the POST; if that write fails nothing is sent, (2) POST, (3)
 * record the outcome. 2xx is Delivered, for good; anything else is retried with backoff
 * (Retry-After honoured).
 *
 * <p>Contract: at least once, with an idempotency key. Unlike a usage report this is a
 * notification, not billing, and the receiver can deduplicate: every attempt carries the same
 * {@code id} in the body and the same {@code Idempotency-Key} header (the instance uid). So an
 * ambiguous outcome (timeout or reset after the request went out; a crash between the intent and
 * the outcome, seen as Sending at the start of a cycle) is retried like a failure, and the receiver
 * MUST treat a second note with a known id as a duplicate.
 */
public final class DeliveryStep implements ReconcileStep {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStep.class);

  private final Backoff backoff;
  private final WebhookSender sender;
  private final EventRecorder events;
  private final DeliveryMetrics metrics;

  public DeliveryStep(
      DeliverySettings settings,
      WebhookSender sender,
      EventRecorder events,
      DeliveryMetrics metrics) {
    this.backoff = Backoff.DEFAULT.withMax(settings.maxBackoff());
    this.sender = sender;
    this.events = events;
    this.metrics = metrics;
  }

  @Override
  public Requeue run(StatusRecorder recorder, ResolvedPlan plan) {
    ManagedServiceInstance instance = recorder.current();
    if (instance.getStatus() == null || instance.getStatus().getBillableSince() == null) {
      return Requeue.NEVER;
    }
    DeliveryNote note = instance.getStatus().getDeliveryNote();
    if (note != null) {
      switch (note.getState()) {
        case Delivered -> {
          return Requeue.NEVER;
        }
        case Sending ->
            // Intent written, outcome never recorded (restart or crash): it may have arrived. The
            // receiver deduplicates on the id, so sending again is safe.
            LOG.info(
                "{}: delivery note attempt {} has no recorded outcome; sending again with the same id",
                key(instance),
                note.getAttemptId());
        default -> {
          Instant now = recorder.aggregate().now();
          Instant retryAt = note.getRetryAt() == null ? now : Instant.parse(note.getRetryAt());
          if (now.isBefore(retryAt)) {
            return Requeue.in(Duration.between(now, retryAt));
          }
        }
      }
    }
    return send(recorder, plan);
  }

  private Requeue send(StatusRecorder recorder, ResolvedPlan plan) {
    String attemptId = UUID.randomUUID().toString();
    recorder.record(
        recorder
            .aggregate()
            .deliveryNote(
                n -> {
                  n.begin(attemptId);
                  n.setState(DeliveryNoteState.Sending);
                })); // throws on failure: nothing is sent

    DeliveryNotePayload payload = DeliveryNotePayload.of(recorder.current(), plan.offering());
    CallOutcome outcome = sender.send(payload, attemptId);
    InstanceStatusAggregator status = recorder.aggregate();
    DeliveryNote note = status.view().getDeliveryNote();
    if (outcome instanceof CallOutcome.Accepted) {
      metrics.notes.labels("delivered").inc();
      status.deliveryNote(
          n -> {
            n.setState(DeliveryNoteState.Delivered);
            n.setDeliveredAt(status.now().toString());
            n.setLastError(null);
          });
      recorder.record(status);
      String message =
          "delivery note "
              + payload.id()
              + " sent to the webhook (attempt "
              + note.getAttempts()
              + ")";
      LOG.info("{}: {}", key(recorder.current()), message);
      events.normal(recorder.current(), Reason.DELIVERY_NOTE_SENT, message);
      return Requeue.NEVER;
    }
    boolean ambiguous = outcome instanceof CallOutcome.Ambiguous;
    String reason = reasonOf(outcome);
    Duration delay =
        outcome instanceof CallOutcome.NotDelivered nd && nd.retryAfter().isPresent()
            ? nd.retryAfter().get()
            : backoff.after(note.getAttempts());
    metrics.notes.labels(ambiguous ? "ambiguous" : "not_delivered").inc();
    status.deliveryNote(
        n -> {
          n.setState(ambiguous ? DeliveryNoteState.Uncertain : DeliveryNoteState.Pending);
          n.setLastError(reason);
          n.setRetryAt(status.now().plus(delay).toString());
        });
    recorder.record(status);
    String message =
        "delivery note "
            + payload.id()
            + " attempt "
            + note.getAttempts()
            + (ambiguous ? " may not have arrived (" : " not delivered (")
            + reason
            + "); retrying in "
            + delay
            + (ambiguous ? " with the same idempotency key" : "");
    LOG.warn("{}: {}", key(recorder.current()), message);
    events.warning(recorder.current(), Reason.DELIVERY_NOTE_FAILED, message);
    return Requeue.in(delay);
  }

  private static String reasonOf(CallOutcome outcome) {
    if (outcome instanceof CallOutcome.Ambiguous a) {
      return a.reason();
    }
    if (outcome instanceof CallOutcome.NotDelivered nd) {
      return nd.reason();
    }
    return outcome instanceof CallOutcome.Rejected r ? "HTTP " + r.status() : "accepted";
  }

  private static String key(ManagedServiceInstance instance) {
    return instance.getMetadata().getNamespace() + "/" + instance.getMetadata().getName();
  }
}
