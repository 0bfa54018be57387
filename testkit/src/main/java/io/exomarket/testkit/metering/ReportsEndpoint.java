package io.exomarket.testkit.metering;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** {@code GET /reports}: every accepted usage line so far, as a JSON array (no authentication). */
final class ReportsEndpoint implements ResponseDefinitionTransformerV2 {
  static final String NAME = "exomarket-metering-reports";
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final MeteringSink sink;

  ReportsEndpoint(MeteringSink sink) {
    this.sink = sink;
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
    if (!event.getRequest().getMethod().getName().equals("GET")) {
      return SinkResponses.json(405, "use GET").withHeader("Allow", "GET").build();
    }
    ArrayNode array = JSON.createArrayNode();
    for (RecordedUsage r : sink.reports()) {
      ObjectNode o = array.addObject();
      o.put("requestNumber", r.requestNumber());
      o.put("organization", r.organization().toString());
      o.put("product", r.product());
      o.put("variable", r.variable());
      o.put("quantity", r.quantity());
      o.put("receivedAt", r.receivedAt().toString());
      o.put("path", r.path());
    }
    try {
      return ResponseDefinitionBuilder.responseDefinition()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(JSON.writeValueAsString(array))
          .build();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
