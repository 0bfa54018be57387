package io.exomarket.operator.metering.sink;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exomarket.operator.metering.client.MeteringCredentials;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays Exoscale's metering API for tests, the sandbox and e2e: both API shapes, authentication
 * with one configured key, an in-memory record of every accepted usage line ({@link #reports()},
 * {@code GET /reports} without authentication), and injectable faults.
 *
 * <p>A raw-socket server rather than Javalin or the JDK's HttpServer: only a raw socket can read a
 * whole request and then reset the connection, which is what makes a client's outcome ambiguous.
 * It listens on loopback by default.
 */
public final class MeteringSink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MeteringSink.class);
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  private final ServerSocket server;
  private final SinkAuthenticator authenticator;
  private final Clock clock;
  private final Duration slowDelay;
  private final FaultPlan faults;
  private final ExecutorService workers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<RecordedUsage> recorded = new ArrayList<>();
  private final AtomicLong meteringRequests = new AtomicLong();
  private volatile Duration latency;
  private volatile boolean closed;

  private MeteringSink(Builder b) throws IOException {
    this.authenticator = new SinkAuthenticator(b.credentials, b.clock);
    this.clock = b.clock;
    this.slowDelay = b.slowDelay;
    this.latency = b.latency;
    this.faults = new FaultPlan(b.seed);
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "metering-sink-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(b.bindAddress, b.port), 128);
    Thread acceptor = new Thread(this::acceptLoop, "metering-sink-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    LOG.info("Metering sink listening on {}", url());
  }

  /** A sink on loopback; port 0 picks a free one. */
  public static MeteringSink start(int port, String key, String secret) {
    return builder().port(port).credentials(key, secret).start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The base URL to configure as the metering endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    InetAddress a = server.getInetAddress();
    String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + server.getLocalPort());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Every accepted usage line so far, in arrival order. */
  public List<RecordedUsage> reports() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  public void clearReports() {
    synchronized (recorded) {
      recorded.clear();
    }
  }

  /** Authenticated, well-formed metering requests received, whatever the sink then did. */
  public long meteringRequests() {
    return meteringRequests.get();
  }

  /** The next metering requests get these faults, one each, in order. */
  public void failNext(SinkFault... next) {
    faults.enqueue(next);
  }

  /** Every metering request without a queued fault gets {@code fault} with this probability. */
  public void failRandomly(SinkFault fault, double probability) {
    faults.probability(fault, probability);
  }

  public void clearFaults() {
    faults.clear();
  }

  /** A delay before every metering request is handled, e.g. to benchmark against a slow API. */
  public void latency(Duration perRequest) {
    this.latency = perRequest == null ? Duration.ZERO : perRequest;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the sink's server socket", e);
    }
    workers.shutdownNow(); // interrupts SLOW answers
    open.forEach(MeteringSink::quietClose);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        workers.execute(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("metering sink accept failed", e);
        }
      } catch (RejectedExecutionException e) {
        return; // closing
      }
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      RawHttpRequest request;
      try {
        request = HttpWire.read(in, out);
      } catch (HttpWire.BadRequest e) {
        json(out, 400, "Bad Request", Map.of(), message(e.getMessage()));
        return;
      }
      if (request != null) {
        route(request, socket, out);
      }
    } catch (IOException e) {
      LOG.debug("metering sink connection failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
      quietClose(socket);
    }
  }

  private void route(RawHttpRequest request, Socket socket, OutputStream out)
      throws IOException, InterruptedException {
    String path = request.path();
    if (path.equals("/reports")) {
      if (request.method().equals("GET")) {
        json(out, 200, "OK", Map.of(), reportsJson());
      } else {
        json(out, 405, "Method Not Allowed", Map.of("Allow", "GET"), message("use GET"));
      }
    } else if (UsageRequestParser.isMeteringPath(path)) {
      if (request.method().equals("POST")) {
        metering(request, socket, out);
      } else {
        json(out, 405, "Method Not Allowed", Map.of("Allow", "POST"), message("use POST"));
      }
    } else {
      json(out, 404, "Not Found", Map.of(), message("no such endpoint"));
    }
  }

  private void metering(RawHttpRequest request, Socket socket, OutputStream out)
      throws IOException, InterruptedException {
    sleep(latency);
    String refusal = authenticator.refusal(request);
    if (refusal != null) {
      LOG.info("Metering sink refused {} {}: {}", request.method(), request.path(), refusal);
      json(out, 401, "Unauthorized", Map.of(), message(refusal));
      return;
    }
    List<UsageRequestParser.Line> lines;
    try {
      lines = UsageRequestParser.parse(request.path(), request.bodyText());
    } catch (UsageRequestParser.Invalid e) {
      json(out, 400, "Bad Request", Map.of(), message(e.getMessage()));
      return;
    }
    long number = meteringRequests.incrementAndGet();
    Optional<SinkFault> fault = faults.next();
    LOG.debug("Metering sink request {} to {}: {}", number, request.path(),
        fault.map(Enum::name).orElse("accepted"));
    if (fault.isEmpty()) {
      record(number, request.path(), lines);
      out.write(noContent());
      out.flush();
      return;
    }
    switch (fault.get()) {
      case SERVER_ERROR -> json(out, 500, "Internal Server Error", Map.of(), message("injected"));
      case TOO_MANY_REQUESTS ->
          json(out, 429, "Too Many Requests", Map.of("Retry-After", "1"), message("injected"));
      case SLOW -> {
        record(number, request.path(), lines);
        sleep(slowDelay);
        out.write(noContent()); // the client gave up long ago; this usually fails
        out.flush();
      }
      case RESET_AFTER_READ -> {
        record(number, request.path(), lines);
        socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
        socket.close();
      }
      case RESET_BEFORE_APPLY -> socket.close();
    }
  }

  private void record(long number, String path, List<UsageRequestParser.Line> lines) {
    Instant now = clock.instant();
    synchronized (recorded) {
      for (UsageRequestParser.Line l : lines) {
        recorded.add(new RecordedUsage(
            number, l.organization(), l.product(), l.variable(), l.quantity(), now, path));
      }
    }
  }

  private byte[] reportsJson() {
    ArrayNode array = JSON.createArrayNode();
    for (RecordedUsage r : reports()) {
      ObjectNode o = array.addObject();
      o.put("requestNumber", r.requestNumber());
      o.put("organization", r.organization().toString());
      o.put("product", r.product());
      o.put("variable", r.variable());
      o.put("quantity", r.quantity());
      o.put("receivedAt", r.receivedAt().toString());
      o.put("path", r.path());
    }
    try {
      return JSON.writeValueAsBytes(array);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] message(String text) {
    ObjectNode o = JSON.createObjectNode().put("message", text);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] noContent() {
    return "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void json(OutputStream out, int status, String reason, Map<String, String> headers,
      byte[] body) throws IOException {
    HttpWire.respond(out, status, reason, headers, "application/json", body);
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero() && !d.isNegative()) {
      Thread.sleep(d.toMillis());
    }
  }

  private static void quietClose(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /**
   * Runs a sink until the process ends. Options (environment fallbacks in brackets): {@code --port}
   * [METERING_SINK_PORT, default 0], {@code --key} [METERING_SINK_KEY], {@code --secret}
   * [METERING_SINK_SECRET], {@code --bind} [METERING_SINK_BIND, default 127.0.0.1], {@code --seed},
   * {@code --latency-ms}, {@code --faults SERVER_ERROR=0.05,SLOW=0.01}.
   */
  public static void main(String[] args) throws InterruptedException, IOException {
    Map<String, String> opts = SinkOptions.parse(args);
    Builder b = builder()
        .port(Integer.parseInt(SinkOptions.get(opts, "port", "METERING_SINK_PORT", "0")))
        .bindAddress(InetAddress.getByName(
            SinkOptions.get(opts, "bind", "METERING_SINK_BIND", "127.0.0.1")))
        .credentials(SinkOptions.require(opts, "key", "METERING_SINK_KEY"),
            SinkOptions.require(opts, "secret", "METERING_SINK_SECRET"))
        .seed(Long.parseLong(SinkOptions.get(opts, "seed", "METERING_SINK_SEED", "1")))
        .latency(Duration.ofMillis(
            Long.parseLong(SinkOptions.get(opts, "latency-ms", "METERING_SINK_LATENCY_MS", "0"))));
    MeteringSink sink = b.start();
    SinkOptions.faults(SinkOptions.get(opts, "faults", "METERING_SINK_FAULTS", ""))
        .forEach(sink::failRandomly);
    Runtime.getRuntime().addShutdownHook(new Thread(sink::close));
    System.out.println("metering sink listening on " + sink.url());
    Thread.currentThread().join();
  }

  /** Sink settings; only the credentials are required. */
  public static final class Builder {
    private int port;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private MeteringCredentials credentials;
    private Clock clock = Clock.systemUTC();
    private long seed = 1;
    private Duration slowDelay = Duration.ofSeconds(60);
    private Duration latency = Duration.ZERO;

    private Builder() {}

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder bindAddress(InetAddress address) {
      this.bindAddress = address;
      return this;
    }

    public Builder credentials(String key, String secret) {
      this.credentials = new MeteringCredentials(key, secret);
      return this;
    }

    /** Decides signature expiry and {@code receivedAt}. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Seeds the random faults. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How long a SLOW answer is held; must exceed the client's request timeout. */
    public Builder slowDelay(Duration delay) {
      this.slowDelay = delay;
      return this;
    }

    public Builder latency(Duration perRequest) {
      this.latency = perRequest;
      return this;
    }

    public MeteringSink start() {
      if (credentials == null) {
        throw new IllegalStateException("the sink needs credentials");
      }
      try {
        return new MeteringSink(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the metering sink", e);
      }
    }
  }
}
