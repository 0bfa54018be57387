package io.exomarket.testkit.metering;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays Exoscale's metering endpoints inside WireMock: authenticates, validates the body, then
 * answers 204 and records the usage, or plays the queued or drawn {@link SinkFault}. Whether a
 * fault records the usage is what the tests compare with the client's verdict.
 */
final class MeteringEndpoint implements ResponseDefinitionTransformerV2 {
  static final String NAME = "exomarket-metering-endpoint";
  private static final Logger LOG = LoggerFactory.getLogger(MeteringEndpoint.class);

  private final MeteringSink sink;
  private final SinkAuthenticator authenticator;
  private final Duration slowDelay;

  MeteringEndpoint(MeteringSink sink, SinkAuthenticator authenticator, Duration slowDelay) {
    this.sink = sink;
    this.authenticator = authenticator;
    this.slowDelay = slowDelay;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String path = pathOf(request.getUrl());
    if (!request.getMethod().getName().equals("POST")) {
      return SinkResponses.json(405, "use POST").withHeader("Allow", "POST").build();
    }
    String refusal =
        authenticator.refusal(
            request.getHeader("Authorization"), "POST", path, request.getBodyAsString());
    if (refusal != null) {
      LOG.info("Metering sink refused POST {}: {}", path, refusal);
      return delayed(SinkResponses.json(401, refusal));
    }
    List<UsageRequestParser.Line> lines;
    try {
      lines = UsageRequestParser.parse(path, request.getBodyAsString());
    } catch (UsageRequestParser.Invalid e) {
      return delayed(SinkResponses.json(400, e.getMessage()));
    }
    long number = sink.nextRequestNumber();
    Optional<SinkFault> fault = sink.nextFault();
    LOG.debug(
        "Metering sink request {} to {}: {}",
        number,
        path,
        fault.map(Enum::name).orElse("accepted"));
    if (fault.isEmpty()) {
      sink.record(number, path, lines);
      return delayed(ResponseDefinitionBuilder.responseDefinition().withStatus(204));
    }
    return switch (fault.get()) {
      case SERVER_ERROR -> delayed(SinkResponses.json(500, "injected"));
      case TOO_MANY_REQUESTS ->
          delayed(SinkResponses.json(429, "injected").withHeader("Retry-After", "1"));
      case SLOW -> {
        sink.record(number, path, lines);
        yield ResponseDefinitionBuilder.responseDefinition()
            .withStatus(204)
            .withFixedDelay(Math.toIntExact(slowDelay.toMillis()))
            .build();
      }
      case RESET_AFTER_READ -> {
        sink.record(number, path, lines);
        yield ResponseDefinitionBuilder.responseDefinition()
            .withFault(Fault.CONNECTION_RESET_BY_PEER)
            .build();
      }
      case RESET_BEFORE_APPLY ->
          ResponseDefinitionBuilder.responseDefinition().withFault(Fault.EMPTY_RESPONSE).build();
    };
  }

  private ResponseDefinition delayed(ResponseDefinitionBuilder response) {
    long latency = sink.latency().toMillis();
    return latency > 0
        ? response.withFixedDelay(Math.toIntExact(latency)).build()
        : response.build();
  }

  private static String pathOf(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
