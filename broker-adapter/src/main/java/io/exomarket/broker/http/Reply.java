package io.exomarket.broker.http;

/**
 * An HTTP answer, decided before it is written: status, JSON body, {@code Retry-After} if polling.
 */
record Reply(int status, Object body, Integer retryAfterSeconds) {
  static Reply of(int status, Object body) {
    return new Reply(status, body, null);
  }
}
