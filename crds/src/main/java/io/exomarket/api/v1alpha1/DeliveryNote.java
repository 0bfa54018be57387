package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * The delivery note sent to the vendor's webhook once the instance is billable. Written before each
 * POST (state Sending, a new attemptId), so a crash never loses track of an attempt. The note's id
 * is the instance uid, sent as Idempotency-Key: delivery is at least once, the receiver
 * deduplicates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeliveryNote extends OutboundAttempt {
  @JsonPropertyDescription(
      "Pending (to send at retryAt), Sending (POST in flight or outcome not recorded), Delivered,"
          + " Uncertain (may have arrived: re-sent at retryAt with the same idempotency key).")
  private DeliveryNoteState state;

  @JsonPropertyDescription("When the receiver acknowledged the note (RFC 3339).")
  private String deliveredAt;

  public DeliveryNoteState getState() {
    return state;
  }

  public void setState(DeliveryNoteState state) {
    this.state = state;
  }

  public String getDeliveredAt() {
    return deliveredAt;
  }

  public void setDeliveredAt(String deliveredAt) {
    this.deliveredAt = deliveredAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryNote d
        && sameAttempt(d)
        && state == d.state
        && Objects.equals(deliveredAt, d.deliveredAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attemptHash(), state, deliveredAt);
  }
}
