package io.exomarket.graph.cel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The functions the graph adds to CEL's standard ones.
 *
 * <ul>
 *   <li>{@code toJson(dyn) -> string}: canonical JSON (keys sorted, compact), so the same value
 *       always renders the same text and a ConfigMap never flaps.
 *   <li>{@code randomString(int) -> string}: URL-safe random characters from SecureRandom. Every
 *       render draws new ones: only meaningful on a resource with updatePolicy CreateOnly.
 *   <li>{@code urlEncode(string) -> string}: form-encoding with spaces as %20, as the legacy
 *       dashboardUrlTemplate encodes the instance id.
 * </ul>
 */
public final class GraphFunctions {
  static final int MAX_RANDOM_LENGTH = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private GraphFunctions() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration(
            "toJson",
            CelOverloadDecl.newGlobalOverload("toJson_dyn", SimpleType.STRING, SimpleType.DYN)),
        CelFunctionDecl.newFunctionDeclaration(
            "randomString",
            CelOverloadDecl.newGlobalOverload(
                "randomString_int", SimpleType.STRING, SimpleType.INT)),
        CelFunctionDecl.newFunctionDeclaration(
            "urlEncode",
            CelOverloadDecl.newGlobalOverload(
                "urlEncode_string", SimpleType.STRING, SimpleType.STRING)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("toJson_dyn", Object.class, GraphFunctions::toJson),
        CelFunctionBinding.from("randomString_int", Long.class, GraphFunctions::randomString),
        CelFunctionBinding.from("urlEncode_string", String.class, GraphFunctions::urlEncode));
  }

  /** Canonical JSON of a plain or CEL value. */
  public static String toJson(Object value) throws CelEvaluationException {
    try {
      return CANONICAL.writeValueAsString(CelValues.fromCel(value));
    } catch (JsonProcessingException e) {
      throw new CelEvaluationException("toJson: " + e.getOriginalMessage());
    }
  }

  static String randomString(Long length) throws CelEvaluationException {
    if (length < 1 || length > MAX_RANDOM_LENGTH) {
      throw new CelEvaluationException(
          "randomString: length must be 1.." + MAX_RANDOM_LENGTH + ", got " + length);
    }
    byte[] bytes = new byte[(int) ((length * 3 + 3) / 4)];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(bytes)
        .substring(0, length.intValue());
  }

  static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
