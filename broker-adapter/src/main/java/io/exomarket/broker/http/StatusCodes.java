package io.exomarket.broker.http;

import io.exomarket.broker.instances.Outcome;
import io.exomarket.broker.osb.OsbError;
import java.util.Map;

/**
 * The one place that picks HTTP status codes: from what an operation achieved ({@link Outcome}) or
 * why it was refused ({@link OsbError}), for the endpoint that was called. Each endpoint answers
 * only the codes the OSB spec lists for it (besides 401, 412 and 5xx): a change to something that
 * does not exist is 422 (PATCH, bind: no 404 there, as Spring's reference broker answers), and the
 * GETs of an instance or a binding know only "there it is" or 404, so a request they refuse (an id
 * we never accept, a wrong service_id, a resource not retrievable) is 404. GET of an instance keeps
 * the 422 ConcurrencyError that the spec's text demands while an update runs.
 */
final class StatusCodes {
  private StatusCodes() {}

  static Reply of(Endpoint endpoint, Outcome outcome) {
    if (outcome instanceof Outcome.Done done) {
      boolean creates = endpoint == Endpoint.PROVISION || endpoint == Endpoint.BIND;
      return Reply.of(creates && !done.existed() ? 201 : 200, done.body());
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
    return Reply.of(status(endpoint, error), error.body());
  }

  private static int status(Endpoint endpoint, OsbError error) {
    int status = status(error);
    return switch (endpoint) {
      case UPDATE, BIND -> status == 404 ? 422 : status;
      case FETCH -> status == 400 ? 404 : status;
      case BINDING_FETCH -> status == 400 || status == 422 ? 404 : status;
      default -> status;
    };
  }

  private static int status(OsbError error) {
    return switch (error.problem()) {
      case BAD_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case UNSUPPORTED_API_VERSION -> 412;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case CONCURRENCY, MAINTENANCE_INFO_CONFLICT, PLAN_CHANGE_NOT_SUPPORTED, REQUIRES_APP -> 422;
      case PROVISION_FAILED,
          UPDATE_FAILED,
          DEPROVISION_FAILED,
          BIND_FAILED,
          UNBIND_FAILED,
          INTERNAL ->
          500;
      case UNAVAILABLE -> 503;
    };
  }
}
