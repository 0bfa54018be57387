package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A usage report written before it is sent. Exoscale has no idempotency key, so this record is what
 * makes exactly-once possible: while it exists, the window is neither recomputed nor re-sent
 * blindly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PendingUsageReport extends OutboundAttempt {
  public static final String SENDING = "Sending";
  public static final String NOT_DELIVERED = "NotDelivered";
  public static final String REJECTED = "Rejected";
  public static final String UNCERTAIN = "Uncertain";

  @JsonPropertyDescription("Window start (RFC 3339, inclusive).")
  private String windowStart;

  @JsonPropertyDescription("Window end (RFC 3339, exclusive): reportedUntil once accepted.")
  private String windowEnd;

  @JsonPropertyDescription(
      "Sending (outcome not yet recorded), NotDelivered or Rejected (safe to retry), Uncertain"
          + " (may have been billed: needs the resolution annotation).")
  private String state;

  @JsonPropertyDescription("Variable -> quantity sent (decimal string, at most 5 places).")
  private Map<String, String> quantities = new LinkedHashMap<>();

  @JsonPropertyDescription("Variable -> rounding remainder (unit-seconds) to carry once accepted.")
  private Map<String, String> carryAfter = new LinkedHashMap<>();

  public String getWindowStart() {
    return windowStart;
  }

  public void setWindowStart(String windowStart) {
    this.windowStart = windowStart;
  }

  public String getWindowEnd() {
    return windowEnd;
  }

  public void setWindowEnd(String windowEnd) {
    this.windowEnd = windowEnd;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public Map<String, String> getQuantities() {
    return quantities;
  }

  public void setQuantities(Map<String, String> quantities) {
    this.quantities = quantities == null ? new LinkedHashMap<>() : quantities;
  }

  public Map<String, String> getCarryAfter() {
    return carryAfter;
  }

  public void setCarryAfter(Map<String, String> carryAfter) {
    this.carryAfter = carryAfter == null ? new LinkedHashMap<>() : carryAfter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PendingUsageReport p
        && sameAttempt(p)
        && Objects.equals(windowStart, p.windowStart)
        && Objects.equals(windowEnd, p.windowEnd)
        && Objects.equals(state, p.state)
        && Objects.equals(quantities, p.quantities)
        && Objects.equals(carryAfter, p.carryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attemptHash(), windowStart, windowEnd, state, quantities, carryAfter);
  }
}
