package io.exomarket.operator.metering.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One billing dimension's consumption in a report.
 *
 * <p>Exoscale accepts at most five decimal places. A quantity with more is refused here rather than
 * rounded on the wire, so the caller's ledger always knows exactly what was billed; use {@link
 * #rounded} to round explicitly and carry the remainder.
 */
public record UsageRecord(String variable, BigDecimal quantity) {
  public static final int MAX_DECIMALS = 5;

  public UsageRecord {
    if (variable == null || variable.isBlank()) {
      throw new IllegalArgumentException("variable must not be blank");
    }
    Objects.requireNonNull(quantity, "quantity");
    if (quantity.stripTrailingZeros().scale() > MAX_DECIMALS) {
      throw new IllegalArgumentException(
          "quantity "
              + quantity.toPlainString()
              + " of "
              + variable
              + " has more than "
              + MAX_DECIMALS
              + " decimal places");
    }
  }

  /** A record whose quantity is rounded half-even to {@value #MAX_DECIMALS} decimal places. */
  public static UsageRecord rounded(String variable, BigDecimal quantity) {
    return new UsageRecord(variable, quantity.setScale(MAX_DECIMALS, RoundingMode.HALF_EVEN));
  }
}
