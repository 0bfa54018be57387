package io.exomarket.broker.http;

import io.exomarket.broker.osb.Json;
import io.exomarket.broker.osb.OsbError;
import io.javalin.http.Context;

/** Writes OSB answers: always a JSON body, {@code Retry-After} when the platform should poll. */
final class Replies {
  private static final String ENDPOINT = "osb.endpoint";

  private Replies() {}

  /** Remembers which endpoint is being served, so that a refusal gets that endpoint's code. */
  static void endpoint(Context ctx, Endpoint endpoint) {
    ctx.attribute(ENDPOINT, endpoint);
  }

  static void write(Context ctx, Reply reply) {
    ctx.status(reply.status());
    ctx.contentType("application/json");
    if (reply.retryAfterSeconds() != null) {
      ctx.header("Retry-After", Integer.toString(reply.retryAfterSeconds()));
    }
    ctx.result(Json.write(reply.body()));
  }

  static void write(Context ctx, OsbError e) {
    Endpoint endpoint = ctx.attribute(ENDPOINT);
    write(ctx, StatusCodes.of(endpoint == null ? Endpoint.CATALOG : endpoint, e));
  }
}
