package io.exomarket.broker.osb;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.validation.ParameterValidator;
import java.util.List;

/**
 * The shared {@link ParameterValidator} (the operator applies the same rules) turned into OSB
 * answers: invalid parameters are the request's fault; a plan schema that does not compile is the
 * offering's (an internal error, logged by the HTTP layer).
 */
public final class ParameterSchemaValidator {
  private static final int MAX_MESSAGES = 5;
  private final ParameterValidator validator = new ParameterValidator();

  public void validate(JsonNode schema, JsonNode parameters, String what) {
    List<String> errors;
    try {
      errors = validator.validate(schema, parameters);
    } catch (ParameterValidator.InvalidSchemaException e) {
      throw new OsbError(Problem.INTERNAL, e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw OsbError.badRequest(
          what
              + " do not match the plan's schema: "
              + String.join("; ", errors.subList(0, Math.min(MAX_MESSAGES, errors.size()))));
    }
  }
}
