package io.exomarket.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.broker.osb.Json;
import io.exomarket.broker.osb.OsbError;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit: an oversized body is a 400. The rest of an oversized body is
 * read and dropped, up to {@value #DRAIN_LIMIT} bytes, before the answer: a server that answers and
 * closes while the client is still sending makes the client fail writing ("broken pipe") before it
 * reads the 400. Beyond that the connection is closed unread.
 */
final class RequestBodies {
  static final int DRAIN_LIMIT = 1024 * 1024;
  private final int maxBytes;

  RequestBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  JsonNode json(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(declared > 0 && declared <= maxBytes ? (int) declared : 1024);
    byte[] chunk = new byte[8192];
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > maxBytes) {
        drain(in, chunk, 0);
        throw tooLarge();
      }
      int n;
      while ((n = in.read(chunk)) != -1) {
        if (out.size() + n > maxBytes) {
          drain(in, chunk, out.size() + n);
          throw tooLarge();
        }
        out.write(chunk, 0, n);
      }
    } catch (IOException e) {
      throw OsbError.badRequest("unreadable request body");
    }
    return Json.readBody(out.toByteArray());
  }

  /** Reads and drops the rest of an oversized body, {@value #DRAIN_LIMIT} bytes at most. */
  private static void drain(InputStream in, byte[] chunk, long alreadyRead) throws IOException {
    long read = alreadyRead;
    int n;
    while (read < DRAIN_LIMIT && (n = in.read(chunk)) != -1) {
      read += n;
    }
  }

  private OsbError tooLarge() {
    return OsbError.badRequest("the request body is larger than " + maxBytes + " bytes");
  }
}
