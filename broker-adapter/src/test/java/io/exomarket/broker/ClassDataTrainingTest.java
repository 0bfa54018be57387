package io.exomarket.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The image's class-data-sharing training (no API server at build time) goes through the adapter's
 * start and HTTP server, and ends by itself.
 */
class ClassDataTrainingTest {
  @Test
  @Timeout(60) // the start times out after 10 s and stops everything: the training ends by itself
  void trainsThroughTheStartAndTheHttpServerWithoutAnApiServer() throws Exception {
    Map<String, Integer> answers = ClassDataTraining.run();

    // The informers never sync: not ready, and the OSB routes refuse (after checking credentials).
    assertThat(answers)
        .containsEntry("/readyz", 503)
        .containsEntry("/healthz", 200)
        .containsEntry("/v2/catalog", 503)
        .containsEntry("/metrics", 200);
  }
}
