package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** One stretch of an instance's billable timeline during which nothing metered changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UsageSegment {
  @JsonPropertyDescription("Start (RFC 3339, inclusive).")
  private String from;

  @JsonPropertyDescription("End (RFC 3339, exclusive); absent while the segment is open.")
  private String to;

  @JsonPropertyDescription("The plan whose meters apply.")
  private String planId;

  @JsonPropertyDescription("Ready and not suspended: uptime accrues.")
  private boolean running;

  @JsonPropertyDescription("Suspended: only meters that accrue while suspended count.")
  private boolean suspended;

  @JsonPropertyDescription("Provisioned storage in GB (decimal string).")
  private String storageGb;

  @JsonPropertyDescription("Number of synced users.")
  private int users;

  @JsonPropertyDescription(
      "The plan's meters when the segment began: the segment is billed from them even if the offering"
          + " changes or the plan disappears later.")
  private List<Meter> meters;

  public UsageSegment() {}

  public UsageSegment(
      String from,
      String to,
      String planId,
      boolean running,
      boolean suspended,
      String storageGb,
      int users) {
    this.from = from;
    this.to = to;
    this.planId = planId;
    this.running = running;
    this.suspended = suspended;
    this.storageGb = storageGb;
    this.users = users;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getPlanId() {
    return planId;
  }

  public void setPlanId(String planId) {
    this.planId = planId;
  }

  public boolean isRunning() {
    return running;
  }

  public void setRunning(boolean running) {
    this.running = running;
  }

  public boolean isSuspended() {
    return suspended;
  }

  public void setSuspended(boolean suspended) {
    this.suspended = suspended;
  }

  public String getStorageGb() {
    return storageGb;
  }

  public void setStorageGb(String storageGb) {
    this.storageGb = storageGb;
  }

  public int getUsers() {
    return users;
  }

  public void setUsers(int users) {
    this.users = users;
  }

  public List<Meter> getMeters() {
    return meters;
  }

  public void setMeters(List<Meter> meters) {
    this.meters = meters;
  }

  /** With the plan's meters snapshotted (copied: the offering's objects must not leak in). */
  public UsageSegment withMeters(List<Meter> planMeters) {
    this.meters = planMeters == null ? null : planMeters.stream().map(Meter::copy).toList();
    return this;
  }

  /** Same metered attributes (times aside): no new segment needed. */
  public boolean sameMeteringAs(UsageSegment o) {
    return Objects.equals(planId, o.planId)
        && running == o.running
        && suspended == o.suspended
        && Objects.equals(storageGb, o.storageGb)
        && users == o.users
        && Objects.equals(meters, o.meters);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UsageSegment s
        && Objects.equals(from, s.from)
        && Objects.equals(to, s.to)
        && sameMeteringAs(s);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, planId, running, suspended, storageGb, users, meters);
  }
}
