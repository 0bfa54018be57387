package io.exomarket.operator.delivery;

import io.exomarket.api.v1alpha1.DeliveryNote;
import io.exomarket.api.v1alpha1.DeliveryNoteState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.operator.DeliverySettings;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.reconciler.Reason;
import io.exomarket.operator.reconciler.StatusRecorder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the delivery note of an instance to the vendor's webhook once it is billable
 * ({@code status.billableSince} set), following the metering discipline: (1) write the intent
 * (state Sending, a new attemptId) before the POST; if that write fails nothing is sent, (2) POST,
 * (3) record the outcome. 2xx is Delivered, for good. Connection refused, 5xx, 429 and other
 * answers mean "not processed": retried with backoff (Retry-After honoured).
 *
 * <p>Contract: at least once, with an idempotency key. Unlike a usage report this is a
 * notification, not billing, and the receiver can deduplicate: every attempt carries the same
 * {@code id} in the body and the same {@code Idempotency-Key} header (the instance uid). So an
 * ambiguous outcome (timeout or reset after the request went out; a crash between the intent and
 * the outcome, seen as Sending at the start of a cycle) is retried like a failure, and the
 * receiver MUST treat a second note with a known id as a duplicate. Called only by the instance
 * reconciler (the one status writer).
 */
public final class DeliveryNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryNotifier.class);
  private static final Duration BACKOFF_BASE = Duration.ofSeconds(1);

  private final DeliverySettings settings;
  private final Clock clock;
  private final WebhookSender sender;
  private final EventRecorder events;
  private final DeliveryMetrics metrics;

  public DeliveryNotifier(
      DeliverySettings settings, Clock clock, WebhookSender sender, EventRecorder events, DeliveryMetrics metrics) {
    this.settings = settings;
    this.clock = clock;
    this.sender = sender;
    this.events = events;
    this.metrics = metrics;
  }

  /** What a cycle leaves: the instance as stored and when to look again (empty: nothing to do). */
  public record Result(ManagedServiceInstance instance, Optional<Duration> again) {}

  public Result deliver(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context, ServiceOffering offering) {
    ManagedServiceInstanceStatus current = instance.getStatus();
    if (current == null || current.getBillableSince() == null) {
      return new Result(instance, Optional.empty());
    }
    DeliveryNote note = current.getDeliveryNote();
    Instant now = clock.instant();
    if (note != null) {
      switch (note.getState()) {
        case Delivered -> {
          return new Result(instance, Optional.empty());
        }
        case Sending ->
            // Intent written, outcome never recorded (restart or crash): it may have arrived. The
            // receiver deduplicates on the id, so sending again is safe.
            LOG.info("{}: delivery note attempt {} has no recorded outcome; sending again with the same id",
                key(instance), note.getAttemptId());
        default -> {
          Instant retryAt = note.getRetryAt() == null ? now : Instant.parse(note.getRetryAt());
          if (now.isBefore(retryAt)) {
            return new Result(instance, Optional.of(Duration.between(now, retryAt)));
          }
        }
      }
    }
    return send(instance, context, offering);
  }

  private Result send(
      ManagedServiceInstance instance, Context<ManagedServiceInstance> context, ServiceOffering offering) {
    ManagedServiceInstanceStatus status = StatusRecorder.copy(instance.getStatus());
    DeliveryNote note = status.getDeliveryNote() == null ? new DeliveryNote() : status.getDeliveryNote();
    note.setState(DeliveryNoteState.Sending);
    note.setAttemptId(UUID.randomUUID().toString());
    note.setAttempts(note.getAttempts() + 1);
    note.setRetryAt(null);
    status.setDeliveryNote(note);
    instance = StatusRecorder.record(instance, status, context); // throws on failure: nothing is sent

    DeliveryNotePayload payload = DeliveryNotePayload.of(instance, offering);
    DeliveryOutcome outcome = sender.send(payload, note.getAttemptId());
    Instant now = clock.instant();
    status = StatusRecorder.copy(instance.getStatus());
    note = status.getDeliveryNote();
    if (outcome instanceof DeliveryOutcome.Delivered delivered) {
      metrics.notes.labels("delivered").inc();
      note.setState(DeliveryNoteState.Delivered);
      note.setDeliveredAt(now.toString());
      note.setLastError(null);
      ManagedServiceInstance written = StatusRecorder.record(instance, status, context);
      String message = "delivery note " + payload.id() + " sent to the webhook (HTTP " + delivered.status()
          + ", attempt " + note.getAttempts() + ")";
      LOG.info("{}: {}", key(instance), message);
      events.normal(instance, Reason.DELIVERY_NOTE_SENT, message);
      return new Result(written, Optional.empty());
    }
    boolean ambiguous = outcome instanceof DeliveryOutcome.Ambiguous;
    String reason = ambiguous
        ? ((DeliveryOutcome.Ambiguous) outcome).reason()
        : ((DeliveryOutcome.NotDelivered) outcome).reason();
    int attempts = note.getAttempts();
    Duration delay = outcome instanceof DeliveryOutcome.NotDelivered nd
        ? nd.retryAfter().orElseGet(() -> backoff(settings.maxBackoff(), attempts))
        : backoff(settings.maxBackoff(), attempts);
    metrics.notes.labels(ambiguous ? "ambiguous" : "not_delivered").inc();
    note.setState(ambiguous ? DeliveryNoteState.Uncertain : DeliveryNoteState.Pending);
    note.setLastError(reason);
    note.setRetryAt(now.plus(delay).toString());
    ManagedServiceInstance written = StatusRecorder.record(instance, status, context);
    String message = "delivery note " + payload.id() + " attempt " + note.getAttempts()
        + (ambiguous ? " may not have arrived (" : " not delivered (") + reason + "); retrying in " + delay
        + (ambiguous ? " with the same idempotency key" : "");
    LOG.warn("{}: {}", key(instance), message);
    events.warning(instance, Reason.DELIVERY_NOTE_FAILED, message);
    return new Result(written, Optional.of(delay));
  }

  /** 1 s, 2 s, 4 s ... up to {@code max}, with ±10 % jitter. */
  static Duration backoff(Duration max, int attempts) {
    long base = BACKOFF_BASE.toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
    long capped = Math.min(base, max.toMillis());
    long jitter = ThreadLocalRandom.current().nextLong(capped / 5 + 1);
    return Duration.ofMillis(capped - capped / 10 + jitter);
  }

  private static String key(ManagedServiceInstance instance) {
    return instance.getMetadata().getNamespace() + "/" + instance.getMetadata().getName();
  }
}
