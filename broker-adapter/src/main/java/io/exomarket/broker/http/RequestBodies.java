package io.exomarket.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.broker.osb.Json;
import io.exomarket.broker.osb.OsbError;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit: an oversized body is a 400, read no further than needed. */
final class RequestBodies {
  private final int maxBytes;

  RequestBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  JsonNode json(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) throw tooLarge();
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
    byte[] chunk = new byte[8192];
    try (InputStream in = ctx.req().getInputStream()) {
      int n;
      while ((n = in.read(chunk)) != -1) {
        if (out.size() + n > maxBytes) throw tooLarge();
        out.write(chunk, 0, n);
      }
    } catch (IOException e) {
      throw OsbError.badRequest("unreadable request body");
    }
    return Json.readBody(out.toByteArray());
  }

  private OsbError tooLarge() {
    return OsbError.badRequest("the request body is larger than " + maxBytes + " bytes");
  }
}
