package io.exomarket.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The image's class-data-sharing training (no API server at build time) goes through the operator's
 * start and HTTP server, and ends by itself.
 */
class ClassDataTrainingTest {
  @Test
  @Timeout(90) // the informers' sync times out after 10 s and the start stops everything
  void trainsThroughTheStartAndTheHttpServerWithoutAnApiServer() throws Exception {
    Map<String, Integer> answers = ClassDataTraining.run();

    // The process serves; its informers never sync, so it is never ready (while java-operator-sdk
    // starts, /readyz waits on it: no answer within the request's timeout, -1).
    assertThat(answers).containsEntry("/healthz", 200).containsEntry("/metrics", 200);
    assertThat(answers.get("/readyz")).isNotEqualTo(200);
  }
}
