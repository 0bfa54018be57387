package io.exomarket.testkit.metering;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** JSON answers of the sink. */
final class SinkResponses {
  private SinkResponses() {}

  static ResponseDefinitionBuilder json(int status, String message) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(JsonNodeFactory.instance.objectNode().put("message", message).toString());
  }
}
