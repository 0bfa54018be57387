package io.exomarket.operator.metering.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exomarket.operator.outbound.CallOutcome;
import io.exomarket.operator.outbound.OutboundHttp;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How real transport failures on loopback reach the caller, without the sink. */
class MeteringTransportFailuresTest {
  static final MeteringCredentials CREDS = new MeteringCredentials("EXOkey", "secret");
  static final UsageReport REPORT =
      UsageReport.of(
          UUID.randomUUID(), "p", List.of(new UsageRecord("uptime_h", new BigDecimal("1.5"))));

  static MeteringClient client(URI endpoint, Duration connect, Duration request) {
    return MeteringClientFactory.create(
        MeteringClientConfig.of(endpoint, ApiVariant.PARTNER, "p", CREDS)
            .withTimeouts(connect, request),
        Clock.systemUTC());
  }

  static MeteringClient client(URI endpoint) {
    return client(endpoint, Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @Test
  void aRefusedConnectionIsNotDelivered() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CallOutcome outcome = client(URI.create("http://127.0.0.1:" + port)).send(REPORT);
    assertThat(outcome).isInstanceOf(CallOutcome.NotDelivered.class);
    assertThat(((CallOutcome.NotDelivered) outcome).reason()).startsWith("could not connect");
  }

  @Test
  void anUnresolvableHostIsNotDelivered() {
    // .invalid never resolves (RFC 6761).
    CallOutcome outcome = client(URI.create("http://metering.invalid")).send(REPORT);
    assertThat(outcome).isInstanceOf(CallOutcome.NotDelivered.class);
  }

  @Test
  void aConnectTimeoutIsNotDelivered() throws IOException {
    // A listener that never accepts and whose backlog is full drops further SYNs.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket();
          fillers.add(s);
          try {
            s.connect(new InetSocketAddress("127.0.0.1", full.getLocalPort()), 100);
          } catch (SocketTimeoutException e) {
            break; // the queue is full
          }
        }
        CallOutcome outcome =
            client(
                    URI.create("http://127.0.0.1:" + full.getLocalPort()),
                    Duration.ofMillis(300),
                    Duration.ofSeconds(5))
                .send(REPORT);
        assertThat(outcome).isInstanceOf(CallOutcome.NotDelivered.class);
        assertThat(((CallOutcome.NotDelivered) outcome).reason()).startsWith("connect timed out");
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void aGarbledResponseIsAmbiguous() throws IOException {
    try (ScriptedServer server =
        new ScriptedServer(s -> ScriptedServer.write(s, "garbage\r\n\r\n"))) {
      assertThat(client(server.url()).send(REPORT)).isInstanceOf(CallOutcome.Ambiguous.class);
    }
  }

  @Test
  void aClosedConnectionWithoutAnswerIsAmbiguous() throws IOException {
    try (ScriptedServer server = new ScriptedServer(Socket::close)) {
      assertThat(client(server.url()).send(REPORT)).isInstanceOf(CallOutcome.Ambiguous.class);
      assertThat(server.requests).hasValue(1); // and the JDK did not re-send the POST
    }
  }

  @Test
  void aResetConnectionWithoutAnswerIsAmbiguous() throws IOException {
    try (ScriptedServer server = new ScriptedServer(ScriptedServer::reset)) {
      assertThat(client(server.url()).send(REPORT)).isInstanceOf(CallOutcome.Ambiguous.class);
      assertThat(server.requests).hasValue(1);
    }
  }

  @Test
  void aStatusLineReceivedBeforeTheConnectionBrokeStillDecides() throws IOException {
    try (ScriptedServer ok =
            new ScriptedServer(
                s -> {
                  ScriptedServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"ok\"");
                  ScriptedServer.reset(s);
                });
        ScriptedServer failed =
            new ScriptedServer(
                s -> {
                  ScriptedServer.write(
                      s,
                      "HTTP/1.1 503 Unavailable\r\nRetry-After: 7\r\n"
                          + "Content-Length: 100\r\n\r\n{");
                  ScriptedServer.reset(s);
                })) {
      assertThat(client(ok.url()).send(REPORT)).isEqualTo(new CallOutcome.Accepted());
      CallOutcome outcome = client(failed.url()).send(REPORT);
      assertThat(outcome).isInstanceOf(CallOutcome.NotDelivered.class);
      assertThat(((CallOutcome.NotDelivered) outcome).retryAfter()).contains(Duration.ofSeconds(7));
    }
  }

  @Test
  void aGatewayTimeoutIsAmbiguous() throws IOException {
    try (ScriptedServer server =
        new ScriptedServer(
            s ->
                ScriptedServer.write(
                    s,
                    "HTTP/1.1 504 Gateway Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))) {
      assertThat(client(server.url()).send(REPORT)).isInstanceOf(CallOutcome.Ambiguous.class);
    }
  }

  @Test
  void aRedirectIsNotFollowed() throws IOException {
    try (ScriptedServer server =
        new ScriptedServer(
            s ->
                ScriptedServer.write(
                    s,
                    "HTTP/1.1 308 Permanent Redirect\r\nLocation: http://127.0.0.1:1/\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n"))) {
      assertThat(client(server.url()).send(REPORT)).isEqualTo(new CallOutcome.Rejected(308, ""));
      assertThat(server.requests).hasValue(1);
    }
  }

  @Test
  void anInterruptedCallerSendsNothing() throws IOException {
    try (ScriptedServer server =
        new ScriptedServer(
            s -> ScriptedServer.write(s, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"))) {
      Thread.currentThread().interrupt();
      try {
        assertThat(client(server.url()).send(REPORT)).isInstanceOf(CallOutcome.NotDelivered.class);
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      assertThat(server.requests).hasValue(0);
    }
  }

  @Test
  void refusesToRunWhereTheJdkWouldReplayPosts() {
    String property = OutboundHttp.RETRY_ALL_METHODS_PROPERTY;
    System.setProperty(property, "true");
    try {
      assertThatThrownBy(() -> client(URI.create("http://127.0.0.1:1")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(property);
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void aReportForAnotherProductIsRefusedBeforeSending() {
    UsageReport other =
        UsageReport.of(UUID.randomUUID(), "other", List.of(new UsageRecord("v", BigDecimal.ONE)));
    assertThatThrownBy(() -> client(URI.create("http://127.0.0.1:1")).send(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other");
  }
}
