package io.exomarket.operator.metering.sink;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP/1.1 request as read off the socket; header names are lower case. */
record RawHttpRequest(String method, String target, Map<String, String> headers, byte[] body) {

  /** The raw path, without the query string. */
  String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  String header(String name) {
    return headers.get(name);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
