package io.exomarket.broker.osb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code X-Broker-API-Version}: we speak 2.13 and later 2.x (Exoscale's value is undocumented). */
public final class ApiVersion {
  public static final String HEADER = "X-Broker-API-Version";
  private static final int MIN_MINOR = 13;
  private static final Pattern VERSION = Pattern.compile("^2\\.(\\d{1,4})$");

  private ApiVersion() {}

  public static void check(String header) {
    if (header == null || header.isBlank()) {
      throw OsbError.unsupportedVersion(HEADER + " is required (2.13 or later)");
    }
    Matcher m = VERSION.matcher(header.trim());
    if (!m.matches() || Integer.parseInt(m.group(1)) < MIN_MINOR) {
      throw OsbError.unsupportedVersion(
          HEADER
              + " "
              + Organizations.abbreviate(header)
              + " is not supported; use 2.13 or later 2.x");
    }
  }
}
