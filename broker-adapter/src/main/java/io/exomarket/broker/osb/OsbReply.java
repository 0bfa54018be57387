package io.exomarket.broker.osb;

import java.util.Map;

/** A successful (or deliberately failed) OSB answer, decided before it is written. */
public record OsbReply(int status, Object body, Integer retryAfterSeconds) {
  private static final Map<String, Object> EMPTY = Map.of();

  public static OsbReply of(int status, Object body) {
    return new OsbReply(status, body, null);
  }

  public static OsbReply empty(int status) {
    return new OsbReply(status, EMPTY, null);
  }

  public static OsbReply error(OsbException e) {
    return new OsbReply(e.status(), e.body(), null);
  }
}
