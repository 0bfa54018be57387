package io.exomarket.broker.http;

import io.exomarket.broker.instances.Outcome;
import io.exomarket.broker.osb.OsbError;
import java.util.Map;

/**
 * The one place that picks HTTP status codes: from what an operation achieved ({@link Outcome}) or
 * why it was refused ({@link OsbError}), for the endpoint that was called, as the OSB spec lists
 * them.
 */
final class StatusCodes {
  private StatusCodes() {}

  static Reply of(Endpoint endpoint, Outcome outcome) {
    if (outcome instanceof Outcome.Done done) {
      boolean created = endpoint == Endpoint.PROVISION && !done.existed();
      return Reply.of(created ? 201 : 200, done.body());
    }
    if (outcome instanceof Outcome.Accepted accepted) {
      return Reply.of(202, accepted.body());
    }
    if (outcome instanceof Outcome.Gone) {
      return Reply.of(410, Map.of());
    }
    if (outcome instanceof Outcome.Polled polled) {
      return new Reply(200, polled.body(), polled.pollAgainSeconds());
    }
    return of(endpoint, ((Outcome.Failed) outcome).error());
  }

  static Reply of(Endpoint endpoint, OsbError error) {
    return Reply.of(status(error), error.body());
  }

  private static int status(OsbError error) {
    return switch (error.problem()) {
      case BAD_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case UNSUPPORTED_API_VERSION -> 412;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case CONCURRENCY, MAINTENANCE_INFO_CONFLICT, PLAN_CHANGE_NOT_SUPPORTED -> 422;
      case PROVISION_FAILED, UPDATE_FAILED, DEPROVISION_FAILED, INTERNAL -> 500;
      case UNAVAILABLE -> 503;
    };
  }
}
