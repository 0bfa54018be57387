package io.exomarket.broker.http;

import io.exomarket.broker.osb.Json;
import io.exomarket.broker.osb.OsbException;
import io.exomarket.broker.osb.OsbReply;
import io.javalin.http.Context;

/** Writes OSB answers: always a JSON body, {@code Retry-After} when the platform should poll. */
final class Replies {
  private Replies() {}

  static void write(Context ctx, OsbReply reply) {
    ctx.status(reply.status());
    ctx.contentType("application/json");
    if (reply.retryAfterSeconds() != null) ctx.header("Retry-After", Integer.toString(reply.retryAfterSeconds()));
    ctx.result(Json.write(reply.body()));
  }

  static void write(Context ctx, OsbException e) {
    write(ctx, OsbReply.error(e));
  }
}
