package io.exomarket.e2e.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** One endpoint in front of several adapter replicas: each TCP connection goes to the next one. */
public final class RoundRobinProxy implements AutoCloseable {
  private final ServerSocket server;
  private final List<Integer> backends;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLongArray connections;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "rr-proxy");
            t.setDaemon(true);
            return t;
          });

  public RoundRobinProxy(List<Integer> backendPorts) throws IOException {
    this.backends = backendPorts;
    this.connections = new AtomicLongArray(backendPorts.size());
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    pool.execute(this::accept);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public long connections(int backend) {
    return connections.get(backend);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        int i = Math.floorMod(next.getAndIncrement(), backends.size());
        connections.incrementAndGet(i);
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), backends.get(i));
        pool.execute(() -> pump(client, upstream));
        pool.execute(() -> pump(upstream, client));
      } catch (IOException e) {
        // closed, or a backend is down: the client sees the connection drop
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // connection closed
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
