package io.exomarket.operator.metering.client;

import java.util.Locale;

/** Which of Exoscale's two documented metering API shapes to speak. */
public enum ApiVariant {
  /** {@code POST /v1.alpha/metering:apply}, the current Partner API. */
  PARTNER,
  /** {@code POST /orgs/{uuid}/usage}, from the older vendor documentation. */
  LEGACY;

  /** Parses {@code partner} or {@code legacy}, ignoring case. */
  public static ApiVariant parse(String value) {
    return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
      case "partner" -> PARTNER;
      case "legacy" -> LEGACY;
      default ->
          throw new IllegalArgumentException(
              "metering API variant must be 'partner' or 'legacy', not '" + value + "'");
    };
  }
}
