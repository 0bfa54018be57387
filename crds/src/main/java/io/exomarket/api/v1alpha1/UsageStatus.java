package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metering ledger: the timeline since the last reported point, the rounding remainders and the
 * report in flight. Durable in status so that an operator restart changes nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UsageStatus {
  @JsonPropertyDescription("Usage before this point (RFC 3339) has been reported and accepted.")
  private String reportedUntil;

  @JsonPropertyDescription("The state timeline from reportedUntil on; older segments are dropped.")
  private List<UsageSegment> segments = new ArrayList<>();

  @JsonPropertyDescription(
      "Variable -> rounding remainder in unit-seconds, added to the next window.")
  private Map<String, String> carry = new LinkedHashMap<>();

  @JsonPropertyDescription("The report written before sending, cleared once accepted.")
  private PendingUsageReport pending;

  public String getReportedUntil() {
    return reportedUntil;
  }

  public void setReportedUntil(String reportedUntil) {
    this.reportedUntil = reportedUntil;
  }

  public List<UsageSegment> getSegments() {
    return segments;
  }

  public void setSegments(List<UsageSegment> segments) {
    this.segments = segments == null ? new ArrayList<>() : segments;
  }

  public Map<String, String> getCarry() {
    return carry;
  }

  public void setCarry(Map<String, String> carry) {
    this.carry = carry == null ? new LinkedHashMap<>() : carry;
  }

  public PendingUsageReport getPending() {
    return pending;
  }

  public void setPending(PendingUsageReport pending) {
    this.pending = pending;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UsageStatus u
        && Objects.equals(reportedUntil, u.reportedUntil)
        && Objects.equals(segments, u.segments)
        && Objects.equals(carry, u.carry)
        && Objects.equals(pending, u.pending);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reportedUntil, segments, carry, pending);
  }
}
