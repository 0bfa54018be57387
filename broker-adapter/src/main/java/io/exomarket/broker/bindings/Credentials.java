package io.exomarket.broker.bindings;

import com.fasterxml.jackson.databind.JsonNode;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.broker.osb.Json;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.Problem;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer body of a finished bind or a fetch: the credentials the operator rendered into the
 * binding's Secret ({@code credentials.json}). They go into the response body and nowhere else: no
 * log line, no error message carries them.
 */
final class Credentials {
  static final String KEY = "credentials.json";

  private Credentials() {}

  static Map<String, Object> body(BindingRepository bindings, ManagedServiceBinding binding) {
    String secretName = binding.getStatus() == null ? null : binding.getStatus().getSecretName();
    Secret secret =
        secretName == null
            ? null
            : bindings.secret(binding.getMetadata().getNamespace(), secretName);
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(KEY);
    if (encoded == null) {
      throw new OsbError(
          Problem.UNAVAILABLE,
          "the credentials of binding " + binding.getSpec().getBindingId() + " are not readable");
    }
    JsonNode credentials;
    try {
      credentials = Json.MAPPER.readTree(Base64.getDecoder().decode(encoded));
    } catch (IOException | IllegalArgumentException e) {
      // Never the exception's message: it may quote the secret's content.
      throw new OsbError(
          Problem.INTERNAL,
          "the credentials of binding " + binding.getSpec().getBindingId() + " are malformed");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("credentials", credentials);
    return body;
  }
}
