package io.exomarket.testkit.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The vendor's webhook in the sandbox: POST /delivery-notes keeps each note once per
 * Idempotency-Key (the receiver's side of the at-least-once contract) and prints it; GET
 * /delivery-notes lists them as a JSON array.
 */
public final class DeliveryNoteReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final Map<String, String> notes = new LinkedHashMap<>();

  private DeliveryNoteReceiver(HttpServer server) {
    this.server = server;
  }

  public static DeliveryNoteReceiver start() {
    try {
      DeliveryNoteReceiver receiver =
          new DeliveryNoteReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
      receiver.server.setExecutor(receiver.threads);
      receiver.server.createContext("/delivery-notes", receiver::handle);
      receiver.server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/delivery-notes";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if ("POST".equals(exchange.getRequestMethod())) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank()) {
          exchange.sendResponseHeaders(400, -1);
          return;
        }
        boolean duplicate;
        synchronized (notes) {
          duplicate = notes.putIfAbsent(key, body) != null;
        }
        System.out.println(
            (duplicate ? "delivery note (duplicate, ignored): " : "delivery note: ") + body);
        exchange.sendResponseHeaders(duplicate ? 200 : 201, -1);
      } else if ("GET".equals(exchange.getRequestMethod())) {
        String json;
        synchronized (notes) {
          json = "[" + String.join(",", notes.values()) + "]";
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      } else {
        exchange.sendResponseHeaders(405, -1);
      }
    }
  }

  /** The notes received, one per idempotency key, in arrival order (JSON bodies). */
  public List<String> notes() {
    synchronized (notes) {
      return List.copyOf(notes.values());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
