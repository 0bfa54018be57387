package io.exomarket.operator.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The process shortens the JDK's 20-minute keep-alive, unless started with a value of its own. */
class KeepAliveTest {
  @Test
  void shortensTheJdksKeepAlive() {
    Properties system = new Properties();
    OutboundHttp.shortenKeepAlive(system);
    assertThat(system.getProperty(OutboundHttp.KEEP_ALIVE_PROPERTY)).isEqualTo("4");
  }

  @Test
  void keepsAValueTheProcessWasStartedWith() {
    Properties system = new Properties();
    system.setProperty(OutboundHttp.KEEP_ALIVE_PROPERTY, "30");
    OutboundHttp.shortenKeepAlive(system);
    assertThat(system.getProperty(OutboundHttp.KEEP_ALIVE_PROPERTY)).isEqualTo("30");
  }
}
