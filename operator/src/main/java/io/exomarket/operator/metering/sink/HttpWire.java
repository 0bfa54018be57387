package io.exomarket.operator.metering.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough HTTP/1.1 for the sink: one request per connection, Content-Length or chunked bodies,
 * {@code Expect: 100-continue}. Every response closes the connection, so a client never reuses a
 * connection the sink has dropped.
 */
final class HttpWire {
  static final int MAX_HEADER_BYTES = 16 * 1024;
  static final int MAX_BODY_BYTES = 1024 * 1024;

  /** The request could not be parsed; answered with 400. */
  static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message);
    }
  }

  private HttpWire() {}

  /** Reads one request, or returns null if the peer closed before sending anything. */
  static RawHttpRequest read(InputStream in, OutputStream out) throws IOException, BadRequest {
    int[] budget = {MAX_HEADER_BYTES};
    String requestLine = line(in, budget);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest("bad request line");
    }
    Map<String, String> headers = new HashMap<>();
    for (String h = line(in, budget); h != null && !h.isEmpty(); h = line(in, budget)) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest("bad header line");
      }
      headers.merge(h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          h.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    return new RawHttpRequest(parts[0], parts[1], headers, body(in, headers));
  }

  private static byte[] body(InputStream in, Map<String, String> headers)
      throws IOException, BadRequest {
    String te = headers.get("transfer-encoding");
    if (te != null) {
      if (!te.equalsIgnoreCase("chunked")) {
        throw new BadRequest("unsupported transfer-encoding");
      }
      return chunked(in);
    }
    String cl = headers.get("content-length");
    if (cl == null) {
      return new byte[0];
    }
    int length;
    try {
      length = Integer.parseInt(cl);
    } catch (NumberFormatException e) {
      throw new BadRequest("bad content-length");
    }
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new BadRequest("content-length out of range");
    }
    return exactly(in, length);
  }

  private static byte[] chunked(InputStream in) throws IOException, BadRequest {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int[] budget = {MAX_HEADER_BYTES};
    while (true) {
      String sizeLine = line(in, budget);
      if (sizeLine == null) {
        throw new BadRequest("truncated chunked body");
      }
      int semi = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      } catch (NumberFormatException e) {
        throw new BadRequest("bad chunk size");
      }
      if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
        throw new BadRequest("chunked body too large");
      }
      if (size == 0) {
        for (String t = line(in, budget); t != null && !t.isEmpty(); t = line(in, budget)) {
          // trailers are ignored
        }
        return body.toByteArray();
      }
      body.write(exactly(in, size));
      line(in, budget); // the CRLF after the chunk
    }
  }

  private static byte[] exactly(InputStream in, int length) throws IOException, BadRequest {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new BadRequest("truncated body");
    }
    return bytes;
  }

  /** A CRLF- (or LF-) terminated line, or null at end of stream before any byte. */
  private static String line(InputStream in, int[] budget) throws IOException, BadRequest {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (--budget[0] < 0) {
        throw new BadRequest("header section too large");
      }
      if (b == '\n') {
        byte[] bytes = buf.toByteArray();
        boolean cr = bytes.length > 0 && bytes[bytes.length - 1] == '\r';
        return new String(bytes, 0, cr ? bytes.length - 1 : bytes.length,
            StandardCharsets.ISO_8859_1);
      }
      buf.write(b);
    }
    if (buf.size() == 0) {
      return null;
    }
    throw new BadRequest("truncated line");
  }

  static void respond(OutputStream out, int status, String reason, Map<String, String> headers,
      String contentType, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder()
        .append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
        .append("Connection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (status != 204 && status != 304) {
      head.append("Content-Type: ").append(contentType).append("\r\n")
          .append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (status != 204 && status != 304) {
      out.write(body);
    }
    out.flush();
  }
}
