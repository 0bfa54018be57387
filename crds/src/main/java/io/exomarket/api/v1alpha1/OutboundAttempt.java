package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * What every outbound call of the operator records before it is made (a usage report, a delivery
 * note): the attempt's id, how many were made, when the next may go and why the last failed. The
 * intent is durable before the call, so a crash never loses track of an attempt.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class OutboundAttempt {
  @JsonPropertyDescription(
      "Identifies the last attempt (in logs; a usage report's resolution annotation names it).")
  private String attemptId;

  @JsonPropertyDescription("Attempts so far.")
  private int attempts;

  @JsonPropertyDescription("No new attempt before this time (RFC 3339).")
  private String retryAt;

  @JsonAlias("reason") // the name of this field in usage reports before v0.2
  @JsonPropertyDescription("Why the last attempt did not succeed.")
  private String lastError;

  public String getAttemptId() {
    return attemptId;
  }

  public void setAttemptId(String attemptId) {
    this.attemptId = attemptId;
  }

  public int getAttempts() {
    return attempts;
  }

  public void setAttempts(int attempts) {
    this.attempts = attempts;
  }

  public String getRetryAt() {
    return retryAt;
  }

  public void setRetryAt(String retryAt) {
    this.retryAt = retryAt;
  }

  public String getLastError() {
    return lastError;
  }

  public void setLastError(String lastError) {
    this.lastError = lastError;
  }

  /** Starts a new attempt: a fresh id, one more attempt, no wait and no error yet. */
  public void begin(String newAttemptId) {
    attemptId = newAttemptId;
    attempts++;
    retryAt = null;
  }

  protected boolean sameAttempt(OutboundAttempt o) {
    return attempts == o.attempts
        && Objects.equals(attemptId, o.attemptId)
        && Objects.equals(retryAt, o.retryAt)
        && Objects.equals(lastError, o.lastError);
  }

  protected int attemptHash() {
    return Objects.hash(attemptId, attempts, retryAt, lastError);
  }
}
