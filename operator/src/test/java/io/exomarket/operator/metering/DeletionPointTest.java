package io.exomarket.operator.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeletionPointTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void theRequestedDeletionWhenItIsNotAfterTheClock() {
    assertThat(DeletionPoint.of("2025-03-01T09:41:07Z", NOW))
        .isEqualTo(Instant.parse("2025-03-01T09:41:07Z"));
    assertThat(DeletionPoint.of(NOW.toString(), NOW)).isEqualTo(NOW);
  }

  @Test
  void theClockWhenTheTimestampIsInItsFutureOrMissing() {
    assertThat(DeletionPoint.of("2025-03-01T10:00:01Z", NOW)).isEqualTo(NOW);
    assertThat(DeletionPoint.of(null, NOW)).isEqualTo(NOW);
  }
}
