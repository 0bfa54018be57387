package io.exomarket.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long a failed deletion pass waits: a quarter of the deletion's age, 2 s to a minute. */
class DeletionFailuresTest {
  private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");

  @Test
  void growsWithTheDeletionsAgeBetweenTwoSecondsAndAMinute() {
    assertThat(recheckAfter(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThat(recheckAfter(Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(2));
    assertThat(recheckAfter(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(10));
    assertThat(recheckAfter(Duration.ofMinutes(3))).isEqualTo(Duration.ofSeconds(45));
    assertThat(recheckAfter(Duration.ofHours(5))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aClockBehindTheApiServerOrNoTimestampWaitsTheMinimum() {
    assertThat(recheckAfter(Duration.ofMinutes(-30))).isEqualTo(Duration.ofSeconds(2));
    ManagedServiceInstance none = new ManagedServiceInstance();
    none.setMetadata(new ObjectMetaBuilder().withName("db").build());
    assertThat(DeletionFailures.recheckAfter(none, NOW)).isEqualTo(Duration.ofSeconds(2));
  }

  private static Duration recheckAfter(Duration age) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    msi.setMetadata(
        new ObjectMetaBuilder()
            .withName("db")
            .withDeletionTimestamp(NOW.minus(age).toString())
            .build());
    return DeletionFailures.recheckAfter(msi, NOW);
  }
}
