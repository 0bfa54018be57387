package io.exomarket.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilePacingTest {
  @Test
  void defaultsAreAnHourlyResyncAndTwentyReconcilesPerTenSeconds() {
    ReconcilePacing pacing = ReconcilePacing.fromEnvironment(Map.of());
    assertThat(pacing).isEqualTo(ReconcilePacing.defaults());
    assertThat(pacing.resyncInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(pacing.rateLimit()).isEqualTo(20);
    assertThat(pacing.ratePeriod()).isEqualTo(Duration.ofSeconds(10));
    assertThat(pacing.limited()).isTrue();
    assertThat(OperatorConfig.fromEnvironment(Map.of()).pacing()).isEqualTo(pacing);
  }

  @Test
  void theEnvironmentSetsEachAndZeroLiftsTheLimit() {
    ReconcilePacing pacing =
        ReconcilePacing.fromEnvironment(
            Map.of(
                "RESYNC_INTERVAL_SECONDS", "600",
                "RECONCILE_RATE_LIMIT", "0",
                "RECONCILE_RATE_PERIOD_SECONDS", " 30 "));
    assertThat(pacing.resyncInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(pacing.limited()).isFalse();
    assertThat(pacing.ratePeriod()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void badValuesAreRefusedByName() {
    assertThatThrownBy(
            () -> ReconcilePacing.fromEnvironment(Map.of("RESYNC_INTERVAL_SECONDS", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RESYNC_INTERVAL_SECONDS must be between 1 and 604800");
    assertThatThrownBy(
            () -> ReconcilePacing.fromEnvironment(Map.of("RESYNC_INTERVAL_SECONDS", "604801")))
        .hasMessageContaining("RESYNC_INTERVAL_SECONDS must be between 1 and 604800");
    assertThatThrownBy(
            () -> ReconcilePacing.fromEnvironment(Map.of("RECONCILE_RATE_LIMIT", "4294967296")))
        .hasMessageContaining("RECONCILE_RATE_LIMIT is too large");
    assertThatThrownBy(() -> ReconcilePacing.fromEnvironment(Map.of("RECONCILE_RATE_LIMIT", "-1")))
        .hasMessageContaining("RECONCILE_RATE_LIMIT must be 0 (no limit) or positive");
    assertThatThrownBy(
            () -> ReconcilePacing.fromEnvironment(Map.of("RECONCILE_RATE_PERIOD_SECONDS", "1h")))
        .hasMessageContaining("RECONCILE_RATE_PERIOD_SECONDS must be a whole number, got '1h'");
  }
}
