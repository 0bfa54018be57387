package io.exomarket.operator.metering.client;

import java.time.Clock;

/** Builds the client for the configured API variant. */
public final class MeteringClientFactory {
  private MeteringClientFactory() {}

  public static MeteringClient create(MeteringClientConfig config) {
    return create(config, Clock.systemUTC());
  }

  /**
   * @param clock drives signature expiry and Retry-After dates
   */
  public static MeteringClient create(MeteringClientConfig config, Clock clock) {
    return switch (config.variant()) {
      case PARTNER -> new PartnerApiMeteringClient(config, clock);
      case LEGACY -> new LegacyUsageMeteringClient(config, clock);
    };
  }
}
