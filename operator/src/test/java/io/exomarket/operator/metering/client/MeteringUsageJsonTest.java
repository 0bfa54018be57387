package io.exomarket.operator.metering.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MeteringUsageJsonTest {
  static final UUID ORG = UUID.fromString("bf9bbc88-71ea-407c-9920-fc1101d86183");

  @Test
  void quantitiesArePlainNumbersWithAtMostFiveDecimals() {
    assertThat(UsageJson.quantity(new BigDecimal("12.5"))).isEqualTo("12.5");
    assertThat(UsageJson.quantity(new BigDecimal("1000"))).isEqualTo("1000");
    assertThat(UsageJson.quantity(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(UsageJson.quantity(new BigDecimal("1000.00000"))).isEqualTo("1000");
    assertThat(UsageJson.quantity(new BigDecimal("0.00001"))).isEqualTo("0.00001");
    assertThat(UsageJson.quantity(new BigDecimal("1E-5"))).isEqualTo("0.00001");
    assertThat(UsageJson.quantity(new BigDecimal("-42.00005"))).isEqualTo("-42.00005");
    assertThat(UsageJson.quantity(new BigDecimal("0.00000"))).isEqualTo("0");
    assertThat(UsageJson.quantity(new BigDecimal("123456789012345678901234567890.1")))
        .isEqualTo("123456789012345678901234567890.1");
  }

  @Test
  void aRecordRefusesMoreThanFiveDecimalsUnlessRoundedExplicitly() {
    assertThatThrownBy(() -> new UsageRecord("v", new BigDecimal("0.000001")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new UsageRecord("v", new BigDecimal("1.1234500000")).quantity())
        .isEqualByComparingTo("1.12345");
    assertThat(UsageRecord.rounded("v", new BigDecimal("0.000015")).quantity())
        .isEqualByComparingTo("0.00002");
    assertThat(UsageRecord.rounded("v", new BigDecimal("0.000025")).quantity())
        .isEqualByComparingTo("0.00002");
    assertThat(UsageRecord.rounded("v", new BigDecimal("-0.0000251")).quantity())
        .isEqualByComparingTo("-0.00003");
  }

  @Test
  void partnerBodyHasTheDocumentedShape() {
    UsageReport report =
        new UsageReport(
            ORG,
            "acme-db",
            List.of(
                new UsageRecord("storage_gbh", new BigDecimal("12.50")),
                new UsageRecord("credit", new BigDecimal("-3"))),
            "a1");
    assertThat(UsageJson.partner(report))
        .isEqualTo(
            "{\"organization\":\""
                + ORG
                + "\",\"usage\":["
                + "{\"product\":\"acme-db\",\"variable\":\"storage_gbh\",\"quantity\":12.5},"
                + "{\"product\":\"acme-db\",\"variable\":\"credit\",\"quantity\":-3}]}");
  }

  @Test
  void legacyBodyHasTheDocumentedShape() {
    UsageReport report =
        new UsageReport(
            ORG,
            "acme-db",
            List.of(
                new UsageRecord("uptime_h", new BigDecimal("1.2")),
                new UsageRecord("users", new BigDecimal("2E+2"))),
            "a1");
    assertThat(UsageJson.legacy(report))
        .isEqualTo(
            "{\"records\":["
                + "{\"variable\":\"uptime_h\",\"quantity\":1.2},"
                + "{\"variable\":\"users\",\"quantity\":200}]}");
  }

  @Test
  void stringsAreEscaped() {
    UsageReport report =
        new UsageReport(ORG, "a\"b", List.of(new UsageRecord("é\n", BigDecimal.ONE)), "a1");
    assertThat(UsageJson.partner(report))
        .contains("\"product\":\"a\\\"b\"", "\"variable\":\"é\\n\"");
  }

  @Test
  void aReportIsValidatedWhenBuilt() {
    List<UsageRecord> one = List.of(new UsageRecord("v", BigDecimal.ONE));
    assertThatThrownBy(() -> UsageReport.of(ORG, " ", one))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UsageReport.of(ORG, "p", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                UsageReport.of(
                    ORG,
                    "p",
                    List.of(
                        new UsageRecord("v", BigDecimal.ONE),
                        new UsageRecord("v", BigDecimal.TEN))))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> new UsageRecord(" ", BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(UsageReport.of(ORG, "p", one).attemptId()).isNotBlank();
  }
}
