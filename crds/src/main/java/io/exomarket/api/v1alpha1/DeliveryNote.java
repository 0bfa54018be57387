package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * The delivery note sent to the vendor's webhook once the instance is billable. Written before
 * each POST (state Sending, a new attemptId), so a crash never loses track of an attempt. The
 * note's id is the instance uid, sent as Idempotency-Key: delivery is at least once, the receiver
 * deduplicates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeliveryNote {
  @JsonPropertyDescription(
      "Pending (to send at retryAt), Sending (POST in flight or outcome not recorded), Delivered,"
          + " Uncertain (may have arrived: re-sent at retryAt with the same idempotency key).")
  private DeliveryNoteState state;

  @JsonPropertyDescription("Identifies the last attempt (logs only; the note's id is the instance uid).")
  private String attemptId;

  @JsonPropertyDescription("POSTs so far.")
  private int attempts;

  @JsonPropertyDescription("No new attempt before this time (RFC 3339).")
  private String retryAt;

  @JsonPropertyDescription("When the receiver acknowledged the note (RFC 3339).")
  private String deliveredAt;

  @JsonPropertyDescription("Why the last attempt did not succeed.")
  private String lastError;

  public DeliveryNoteState getState() { return state; }
  public void setState(DeliveryNoteState state) { this.state = state; }
  public String getAttemptId() { return attemptId; }
  public void setAttemptId(String attemptId) { this.attemptId = attemptId; }
  public int getAttempts() { return attempts; }
  public void setAttempts(int attempts) { this.attempts = attempts; }
  public String getRetryAt() { return retryAt; }
  public void setRetryAt(String retryAt) { this.retryAt = retryAt; }
  public String getDeliveredAt() { return deliveredAt; }
  public void setDeliveredAt(String deliveredAt) { this.deliveredAt = deliveredAt; }
  public String getLastError() { return lastError; }
  public void setLastError(String lastError) { this.lastError = lastError; }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryNote d && state == d.state && Objects.equals(attemptId, d.attemptId)
        && attempts == d.attempts && Objects.equals(retryAt, d.retryAt)
        && Objects.equals(deliveredAt, d.deliveredAt) && Objects.equals(lastError, d.lastError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, attemptId, attempts, retryAt, deliveredAt, lastError);
  }
}
