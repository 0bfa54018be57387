package io.exomarket.broker.instances;

import io.exomarket.broker.osb.OsbError;
import java.util.Map;

/**
 * What an OSB operation achieved. The domain says what happened; the HTTP layer alone turns it into
 * a status code (201, 200, 202, 410, 5xx), as OSB prescribes per endpoint.
 */
public sealed interface Outcome {

  /** Finished. {@code existed}: nothing new was made (a re-sent request found it done). */
  record Done(boolean existed, Map<String, Object> body) implements Outcome {}

  /** Started and still running: the body names the operation to poll. */
  record Accepted(Map<String, Object> body) implements Outcome {}

  /** The instance is not there (never was, or its deletion finished). */
  record Gone() implements Outcome {}

  /** The operation ran and failed; the error says how and whether the instance still serves. */
  record Failed(OsbError error) implements Outcome {}

  /** The state of an operation, and after how many seconds to poll again while in progress. */
  record Polled(Map<String, Object> body, Integer pollAgainSeconds) implements Outcome {}

  static Outcome done(Map<String, Object> body) {
    return new Done(false, body);
  }
}
