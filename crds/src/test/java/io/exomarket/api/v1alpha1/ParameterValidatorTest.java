package io.exomarket.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.validation.ParameterValidator;
import org.junit.jupiter.api.Test;

class ParameterValidatorTest {
  private final ObjectMapper json = new ObjectMapper();
  private final ParameterValidator validator = new ParameterValidator();

  private JsonNode node(String text) throws Exception {
    return json.readTree(text);
  }

  @Test
  void reportsViolationsAndAcceptsValidParameters() throws Exception {
    JsonNode schema =
        node(
            """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "properties": {"size": {"type": "integer", "minimum": 1}},
             "additionalProperties": false}""");
    assertThat(validator.validate(schema, node("{\"size\": 3}"))).isEmpty();
    assertThat(validator.validate(schema, null)).isEmpty();
    assertThat(validator.validate(schema, node("{\"size\": 0}"))).hasSize(1);
    assertThat(validator.validate(schema, node("{\"size\": \"x\", \"other\": 1}"))).hasSize(2);
  }

  @Test
  void noSchemaMeansAnythingGoes() throws Exception {
    assertThat(validator.validate(null, node("{\"a\": 1}"))).isEmpty();
    assertThat(validator.validate(node("{}"), node("{\"a\": 1}"))).isEmpty();
  }

  @Test
  void brokenSchemaIsReportedAsSuch() throws Exception {
    assertThatThrownBy(
            () -> validator.checkSchema(node("{\"$schema\": \"http://nowhere/unknown\"}")))
        .isInstanceOf(ParameterValidator.InvalidSchemaException.class);
  }
}
