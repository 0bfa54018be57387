package io.exomarket.operator.metering.client;

import io.exomarket.operator.outbound.CallOutcome;
import java.net.URI;
import java.time.Clock;

/** Reports usage with the Partner API: {@code POST /v1.alpha/metering:apply}, success 204. */
public final class PartnerApiMeteringClient implements MeteringClient {
  public static final String PATH = "/v1.alpha/metering:apply";

  private final MeteringHttpTransport transport;
  private final URI uri;

  public PartnerApiMeteringClient(MeteringClientConfig config, Clock clock) {
    this.transport = new MeteringHttpTransport(config, clock);
    this.uri = config.resolve(PATH);
  }

  @Override
  public CallOutcome send(UsageReport report) {
    transport.requireConfiguredProduct(report);
    return transport.post(uri, UsageJson.partner(report), report);
  }
}
