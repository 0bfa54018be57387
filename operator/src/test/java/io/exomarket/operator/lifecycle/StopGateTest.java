package io.exomarket.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StopGateTest {
  @Test
  void closingWaitsForTheReconcilesInFlightAndLetsNoNewOneIn() throws Exception {
    StopGate gate = new StopGate();
    assertThat(gate.enter()).isTrue();
    gate.checkObservable();

    CountDownLatch closing = new CountDownLatch(1);
    CompletableFuture<Boolean> drained =
        CompletableFuture.supplyAsync(
            () -> {
              closing.countDown();
              return gate.closeAndDrain(Duration.ofSeconds(10));
            });
    closing.await(5, TimeUnit.SECONDS);
    // The gate is closed as soon as closeAndDrain begins; it waits for the one in flight.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(gate::isStopping);
    assertThat(drained).isNotDone();
    assertThat(gate.enter()).isFalse();
    assertThatThrownBy(gate::checkObservable).isInstanceOf(StopGate.Stopping.class);

    gate.exit();
    assertThat(drained.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aReconcileThatDoesNotEndInTimeIsReported() {
    StopGate gate = new StopGate();
    assertThat(gate.enter()).isTrue();
    assertThat(gate.closeAndDrain(Duration.ofMillis(50))).isFalse();
  }
}
