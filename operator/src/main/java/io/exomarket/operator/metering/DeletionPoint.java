package io.exomarket.operator.metering;

import java.time.Instant;

/** Where a deleted instance's billable timeline ends. */
final class DeletionPoint {
  private DeletionPoint() {}

  /**
   * The API server's {@code deletionTimestamp} when it is not after our clock: billing stops when
   * the deletion was requested, however late the operator learns of it (down, backlog). A timestamp
   * in the clock's future (skew between the API server and us, or a test clock) would bill time
   * that has not passed by our clock: then the clock.
   */
  static Instant of(String deletionTimestamp, Instant now) {
    if (deletionTimestamp == null) {
      return now;
    }
    Instant requested = Instant.parse(deletionTimestamp);
    return requested.isAfter(now) ? now : requested;
  }
}
