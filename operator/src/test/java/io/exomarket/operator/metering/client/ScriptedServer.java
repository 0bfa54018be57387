package io.exomarket.operator.metering.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback server that reads each request whole and then plays a script on the raw socket. */
final class ScriptedServer implements AutoCloseable {
  interface Script {
    void play(Socket socket) throws IOException;
  }

  private final ServerSocket server;
  final AtomicInteger requests = new AtomicInteger();

  ScriptedServer(Script script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  readRequest(s.getInputStream());
                  requests.incrementAndGet();
                  script.play(s);
                } catch (IOException e) {
                  // closed, or the client went away
                }
              }
            },
            "scripted-server");
    t.setDaemon(true);
    t.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  static void write(Socket s, String raw) throws IOException {
    s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  private static void readRequest(InputStream raw) throws IOException {
    InputStream in = new BufferedInputStream(raw);
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("eof");
      }
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).strip()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
