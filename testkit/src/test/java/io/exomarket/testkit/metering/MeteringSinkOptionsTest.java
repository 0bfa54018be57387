package io.exomarket.testkit.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MeteringSinkOptionsTest {

  @Test
  void parsesNameValuePairsAndFaultProbabilities() {
    Map<String, String> opts = SinkOptions.parse(new String[] {"--port", "8089", "--key", "k"});
    assertThat(opts).containsEntry("port", "8089").containsEntry("key", "k");
    assertThat(SinkOptions.get(opts, "bind", "METERING_SINK_TEST_UNSET", "127.0.0.1"))
        .isEqualTo("127.0.0.1");
    assertThat(SinkOptions.faults("server_error=0.05, SLOW=0.01"))
        .containsEntry(SinkFault.SERVER_ERROR, 0.05)
        .containsEntry(SinkFault.SLOW, 0.01);
    assertThat(SinkOptions.faults("")).isEmpty();
  }

  @Test
  void refusesIncompleteOptions() {
    assertThatThrownBy(() -> SinkOptions.parse(new String[] {"--port"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SinkOptions.require(Map.of(), "secret", "METERING_SINK_TEST_UNSET"))
        .hasMessageContaining("--secret");
    assertThatThrownBy(() -> SinkOptions.faults("SLOW"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesProbabilitiesAddingUpToMoreThanOne() {
    try (MeteringSink sink = MeteringSink.start(0, "k", "s")) {
      sink.failRandomly(SinkFault.SERVER_ERROR, 0.6);
      sink.failRandomly(SinkFault.SERVER_ERROR, 0.7); // replaces the 0.6
      assertThatThrownBy(() -> sink.failRandomly(SinkFault.SLOW, 0.4))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
