package io.exomarket.operator.binding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The binding's own credential, in the Secret {@code <binding>-credentials} it owns: {@code
 * username}, {@code password} and {@code credentials.json} (what the offering's template renders).
 * Made once: an existing Secret is read and never rewritten, so a password is never regenerated.
 * Its name is fixed by the binding, so a crash after the create is found again by the next
 * reconcile (GET, no Secret informer: secrets are read per namespace, by name). No value is ever
 * logged.
 */
final class BindingSecrets {
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String CREDENTIALS = "credentials.json";

  /** Label on the Secret: the binding it belongs to. */
  static final String BINDING_LABEL = ApiGroup.NAME + "/binding";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  /** Renders the credentials from the binding's username and password. */
  interface Renderer {
    Map<String, Object> render(Map<String, Object> binding)
        throws CredentialsTemplate.RenderException;
  }

  private final KubernetesClient client;

  BindingSecrets(KubernetesClient client) {
    this.client = client;
  }

  static String nameOf(ManagedServiceBinding binding) {
    return binding.getMetadata().getName() + "-credentials";
  }

  /** The Secret, made now if it does not exist yet. */
  Secret ensure(ManagedServiceBinding binding, Renderer renderer)
      throws CredentialsTemplate.RenderException {
    String namespace = binding.getMetadata().getNamespace();
    Secret existing = client.secrets().inNamespace(namespace).withName(nameOf(binding)).get();
    if (existing != null) return existing;
    String username = usernameOf(binding);
    String password = randomPassword();
    Map<String, Object> credentials = renderer.render(variables(binding, username, password));
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(nameOf(binding))
            .withNamespace(namespace)
            .addToLabels(BINDING_LABEL, binding.getMetadata().getName())
            .addToOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(binding.getApiVersion())
                    .withKind(binding.getKind())
                    .withName(binding.getMetadata().getName())
                    .withUid(binding.getMetadata().getUid())
                    .withController(true)
                    .build())
            .endMetadata()
            .withType("Opaque")
            .addToData(USERNAME, encode(username))
            .addToData(PASSWORD, encode(password))
            .addToData(CREDENTIALS, encode(json(credentials)))
            .build();
    try {
      return client.secrets().inNamespace(namespace).resource(secret).create();
    } catch (KubernetesClientException e) {
      // Another reconcile of the same binding won the race: its Secret is the one.
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
      return client.secrets().inNamespace(namespace).withName(nameOf(binding)).get();
    }
  }

  /** Revocation removes the credential at once (no garbage collector on every cluster). */
  void delete(ManagedServiceBinding binding) {
    client
        .secrets()
        .inNamespace(binding.getMetadata().getNamespace())
        .withName(nameOf(binding))
        .delete();
  }

  /** What {@code binding} means in the credentials template. */
  static Map<String, Object> variables(
      ManagedServiceBinding binding, String username, String password) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("name", binding.getMetadata().getName());
    vars.put("id", binding.getSpec().getBindingId());
    vars.put("secretName", nameOf(binding));
    vars.put(USERNAME, username);
    vars.put(PASSWORD, password);
    vars.put(
        "appGuid", binding.getSpec().getAppGuid() == null ? "" : binding.getSpec().getAppGuid());
    vars.put(
        "parameters",
        binding.getSpec().getParameters() == null
            ? Map.of()
            : JSON.convertValue(binding.getSpec().getParameters(), Map.class));
    return vars;
  }

  /**
   * A database-friendly user name derived from the binding (the same after a crash): {@code b_} and
   * 16 base32 characters of SHA-256 of the binding's uid.
   */
  static String usernameOf(ManagedServiceBinding binding) {
    byte[] digest = sha256(binding.getMetadata().getUid());
    StringBuilder name = new StringBuilder("b_");
    for (int i = 0; i < 16; i++) name.append(BASE32[(digest[i] & 0xff) % 32]);
    return name.toString().toLowerCase(Locale.ROOT);
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String json(Map<String, Object> credentials) {
    try {
      return JSON.writeValueAsString(credentials);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("credentials are not serializable", e);
    }
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
