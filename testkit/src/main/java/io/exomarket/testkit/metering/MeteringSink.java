package io.exomarket.testkit.metering;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays Exoscale's metering API for tests, the sandbox and e2e: both API shapes, authentication
 * with one configured key, an in-memory record of every accepted usage line ({@link #reports()},
 * {@code GET /reports} without authentication), and injectable faults. Served by WireMock, whose
 * faults (a reset after the request was read, an empty response, a delayed answer) are exactly what
 * makes a client's outcome ambiguous. It listens on loopback by default.
 */
public final class MeteringSink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MeteringSink.class);

  private final WireMockServer server;
  private final Clock clock;
  private final FaultPlan faults;
  private final List<RecordedUsage> recorded = new ArrayList<>();
  private final AtomicLong meteringRequests = new AtomicLong();
  private volatile Duration latency;
  private volatile Consumer<List<RecordedUsage>> onRecord = lines -> {};

  private MeteringSink(Builder b) {
    this.clock = b.clock;
    this.latency = b.latency;
    this.faults = new FaultPlan(b.seed);
    SinkAuthenticator authenticator = new SinkAuthenticator(b.key, b.secret, b.clock);
    server =
        new WireMockServer(
            options()
                .bindAddress(b.bindAddress.getHostAddress())
                .port(b.port)
                .containerThreads(64)
                // Jetty's 30 s default would close idle connections just as an operator with 30 s
                // windows (the e2e tests') reuses them: a report of unknown outcome then.
                .jettyIdleTimeout(Duration.ofMinutes(10).toMillis())
                .jettyStopTimeout(100L)
                .disableRequestJournal()
                .notifier(new Slf4jNotifier(false))
                .extensionScanningEnabled(false)
                .extensions(
                    new MeteringEndpoint(this, authenticator, b.slowDelay),
                    new ReportsEndpoint(this)));
    server.start();
    server.stubFor(
        any(urlPathMatching(
                UsageRequestParser.PARTNER_PATH_REGEX + "|" + UsageRequestParser.LEGACY_PATH_REGEX))
            .willReturn(aResponse().withTransformers(MeteringEndpoint.NAME)));
    server.stubFor(
        any(urlPathEqualTo("/reports"))
            .willReturn(aResponse().withTransformers(ReportsEndpoint.NAME)));
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
    String host = server.getOptions().bindAddress();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + server.port());
  }

  public int port() {
    return server.port();
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

  /** A delay before every metering answer, e.g. to benchmark against a slow API. */
  public void latency(Duration perRequest) {
    this.latency = perRequest == null ? Duration.ZERO : perRequest;
  }

  @Override
  public void close() {
    server.stop();
  }

  Duration latency() {
    return latency;
  }

  long nextRequestNumber() {
    return meteringRequests.incrementAndGet();
  }

  Optional<SinkFault> nextFault() {
    return faults.next();
  }

  /**
   * Runs {@code hook} with the lines of each accepted request, after they are recorded and before
   * the answer leaves: a test can change the world between the client's send and its reading of the
   * answer.
   */
  public void onRecord(Consumer<List<RecordedUsage>> hook) {
    this.onRecord = hook;
  }

  void record(long number, String path, List<UsageRequestParser.Line> lines) {
    Instant now = clock.instant();
    List<RecordedUsage> accepted = new ArrayList<>();
    for (UsageRequestParser.Line l : lines) {
      accepted.add(
          new RecordedUsage(
              number, l.organization(), l.product(), l.variable(), l.quantity(), now, path));
    }
    synchronized (recorded) {
      recorded.addAll(accepted);
    }
    onRecord.accept(List.copyOf(accepted));
  }

  /**
   * Runs a sink until the process ends. Options (environment fallbacks in brackets): {@code --port}
   * [METERING_SINK_PORT, default 0], {@code --key} [METERING_SINK_KEY], {@code --secret}
   * [METERING_SINK_SECRET], {@code --bind} [METERING_SINK_BIND, default 127.0.0.1], {@code --seed},
   * {@code --latency-ms}, {@code --faults SERVER_ERROR=0.05,SLOW=0.01}.
   */
  public static void main(String[] args) throws InterruptedException, IOException {
    Map<String, String> opts = SinkOptions.parse(args);
    Builder b =
        builder()
            .port(Integer.parseInt(SinkOptions.get(opts, "port", "METERING_SINK_PORT", "0")))
            .bindAddress(
                InetAddress.getByName(
                    SinkOptions.get(opts, "bind", "METERING_SINK_BIND", "127.0.0.1")))
            .credentials(
                SinkOptions.require(opts, "key", "METERING_SINK_KEY"),
                SinkOptions.require(opts, "secret", "METERING_SINK_SECRET"))
            .seed(Long.parseLong(SinkOptions.get(opts, "seed", "METERING_SINK_SEED", "1")))
            .latency(
                Duration.ofMillis(
                    Long.parseLong(
                        SinkOptions.get(opts, "latency-ms", "METERING_SINK_LATENCY_MS", "0"))));
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
    private String key;
    private String secret;
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
      if (key == null || key.isBlank() || secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("the sink needs a non-empty key and secret");
      }
      this.key = key;
      this.secret = secret;
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
      if (key == null) {
        throw new IllegalStateException("the sink needs credentials");
      }
      return new MeteringSink(this);
    }
  }
}
