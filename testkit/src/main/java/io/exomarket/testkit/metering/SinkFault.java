package io.exomarket.testkit.metering;

/** A failure the sink can play instead of a clean 204, and what the client should conclude. */
public enum SinkFault {
  /** 500, not recorded: the client sees NotDelivered. */
  SERVER_ERROR,
  /** 429 with {@code Retry-After: 1}, not recorded: NotDelivered with a retry delay. */
  TOO_MANY_REQUESTS,
  /** Recorded, then the answer is held past the client's timeout: Ambiguous, yet billed. */
  SLOW,
  /** Body read and recorded, then the connection is reset (RST) without a response: Ambiguous. */
  RESET_AFTER_READ,
  /** Body read, not recorded, connection closed without a response: Ambiguous, yet not billed. */
  RESET_BEFORE_APPLY
}
