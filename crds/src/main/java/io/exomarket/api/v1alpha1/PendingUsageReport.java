package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A usage report written before it is sent. Exoscale has no idempotency key, so this record is
 * what makes exactly-once possible: while it exists, the window is neither recomputed nor re-sent
 * blindly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PendingUsageReport {
  public static final String SENDING = "Sending";
  public static final String NOT_DELIVERED = "NotDelivered";
  public static final String REJECTED = "Rejected";
  public static final String UNCERTAIN = "Uncertain";

  @JsonPropertyDescription("Window start (RFC 3339, inclusive).")
  private String windowStart;

  @JsonPropertyDescription("Window end (RFC 3339, exclusive): reportedUntil once accepted.")
  private String windowEnd;

  @JsonPropertyDescription("Identifies this attempt; a resolution annotation must name it.")
  private String attemptId;

  @JsonPropertyDescription(
      "Sending (outcome not yet recorded), NotDelivered or Rejected (safe to retry), Uncertain"
          + " (may have been billed: needs the resolution annotation).")
  private String state;

  @JsonPropertyDescription("Variable -> quantity sent (decimal string, at most 5 places).")
  private Map<String, String> quantities = new LinkedHashMap<>();

  @JsonPropertyDescription("Variable -> rounding remainder (unit-seconds) to carry once accepted.")
  private Map<String, String> carryAfter = new LinkedHashMap<>();

  @JsonPropertyDescription("Attempts so far.")
  private int attempts;

  @JsonPropertyDescription("No retry before this time (RFC 3339).")
  private String retryAt;

  @JsonPropertyDescription("Why the last attempt did not succeed.")
  private String reason;

  public String getWindowStart() { return windowStart; }
  public void setWindowStart(String windowStart) { this.windowStart = windowStart; }
  public String getWindowEnd() { return windowEnd; }
  public void setWindowEnd(String windowEnd) { this.windowEnd = windowEnd; }
  public String getAttemptId() { return attemptId; }
  public void setAttemptId(String attemptId) { this.attemptId = attemptId; }
  public String getState() { return state; }
  public void setState(String state) { this.state = state; }
  public Map<String, String> getQuantities() { return quantities; }
  public void setQuantities(Map<String, String> quantities) { this.quantities = quantities == null ? new LinkedHashMap<>() : quantities; }
  public Map<String, String> getCarryAfter() { return carryAfter; }
  public void setCarryAfter(Map<String, String> carryAfter) { this.carryAfter = carryAfter == null ? new LinkedHashMap<>() : carryAfter; }
  public int getAttempts() { return attempts; }
  public void setAttempts(int attempts) { this.attempts = attempts; }
  public String getRetryAt() { return retryAt; }
  public void setRetryAt(String retryAt) { this.retryAt = retryAt; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }

  @Override
  public boolean equals(Object o) {
    return o instanceof PendingUsageReport p && Objects.equals(windowStart, p.windowStart)
        && Objects.equals(windowEnd, p.windowEnd) && Objects.equals(attemptId, p.attemptId)
        && Objects.equals(state, p.state) && Objects.equals(quantities, p.quantities)
        && Objects.equals(carryAfter, p.carryAfter) && attempts == p.attempts
        && Objects.equals(retryAt, p.retryAt) && Objects.equals(reason, p.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStart, windowEnd, attemptId, state, quantities, carryAfter, attempts, retryAt, reason);
  }
}
