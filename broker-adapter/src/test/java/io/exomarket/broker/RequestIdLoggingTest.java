package io.exomarket.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.exomarket.broker.http.BrokerHttp;
import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.testkit.junit.MockApiTier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The request log line carries the OSB request id in the MDC (JSON logs show it as mdc.requestId).
 */
@MockApiTier
class RequestIdLoggingTest {
  private BrokerFixture f;
  private Logger logger;
  private Level level;
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

  @BeforeEach
  void start() {
    f = new BrokerFixture();
    logger = (Logger) LoggerFactory.getLogger(BrokerHttp.class);
    level = logger.getLevel();
    logger.setLevel(Level.INFO);
    captured.start();
    logger.addAppender(captured);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(captured);
    logger.setLevel(level);
    f.close();
  }

  private OsbClient.Response put(String requestId) {
    Map<String, String> headers = new HashMap<>();
    if (requestId != null) {
      headers.put("X-Broker-API-Request-Identity", requestId);
    }
    return f.osb.send("PUT", OsbClient.path(UUID.randomUUID().toString()), "{not json", headers);
  }

  @Test
  void requestLineHasTheRequestIdInTheMdcAndNothingLeaksToTheNextRequest() {
    assertThat(put("req-7f3a").status()).isEqualTo(400);
    await().atMost(Duration.ofSeconds(5)).until(() -> captured.list.size() == 1);
    ILoggingEvent first = captured.list.get(0);
    assertThat(first.getFormattedMessage()).contains("PUT").contains("request req-7f3a");
    assertThat(first.getMDCPropertyMap()).containsEntry("requestId", "req-7f3a");

    assertThat(put(null).status()).isEqualTo(400);
    await().atMost(Duration.ofSeconds(5)).until(() -> captured.list.size() == 2);
    assertThat(captured.list.get(1).getMDCPropertyMap()).doesNotContainKey("requestId");
  }
}
