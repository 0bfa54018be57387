package io.exomarket.operator.metering.client;

import io.exomarket.operator.outbound.CallOutcome;
import java.time.Clock;
import java.util.UUID;

/**
 * Reports usage with the older vendor API: {@code POST /orgs/{uuid}/usage}. The body carries no
 * product, so the product is implied by the credentials.
 */
public final class LegacyUsageMeteringClient implements MeteringClient {
  private final MeteringClientConfig config;
  private final MeteringHttpTransport transport;

  public LegacyUsageMeteringClient(MeteringClientConfig config, Clock clock) {
    this.config = config;
    this.transport = new MeteringHttpTransport(config, clock);
  }

  public static String path(UUID organization) {
    return "/orgs/" + organization + "/usage";
  }

  @Override
  public CallOutcome send(UsageReport report) {
    transport.requireConfiguredProduct(report);
    return transport.post(
        config.resolve(path(report.organization())), UsageJson.legacy(report), report);
  }
}
