package io.exomarket.operator.binding;

import io.exomarket.api.v1alpha1.BindingTemplate;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.graph.GraphInputs;
import io.exomarket.graph.cel.CelEnvironment;
import io.exomarket.graph.cel.CelValues;
import io.exomarket.graph.cel.CompiledExpression;
import io.exomarket.graph.cel.ExpressionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a binding returns, as the vendor declares it: the offering's {@code binding.credentials}, a
 * CEL expression per field, evaluated with the workload graph's CEL engine over {@code instance}
 * (its spec, plus {@code status}), {@code plan}, {@code offering} and {@code binding}. Compiled
 * once per offering generation. Without a template a binding returns its username and password.
 */
final class CredentialsTemplate {
  static final String BINDING = "binding";

  /** A field that failed: its name and why, never the values it read. */
  static final class RenderException extends Exception {
    RenderException(String message) {
      super(message);
    }
  }

  private final Map<String, Map<String, CompiledExpression>> compiled = new ConcurrentHashMap<>();
  private final CelEnvironment environment = new CelEnvironment(List.of(BINDING));

  Map<String, Object> render(
      ServiceOffering offering,
      ManagedServiceInstance instance,
      PlanSpec plan,
      Map<String, Object> binding)
      throws RenderException {
    BindingTemplate template = offering.getSpec().getBinding();
    if (template == null || template.getCredentials().isEmpty()) {
      Map<String, Object> plain = new LinkedHashMap<>();
      plain.put("username", binding.get("username"));
      plain.put("password", binding.get("password"));
      return plain;
    }
    Map<String, CompiledExpression> expressions = compile(offering, template);
    GraphInputs inputs =
        GraphInputs.of(instance, plan, offering)
            .withInstanceField(
                "status", instance.getStatus() == null ? Map.of() : instance.getStatus());
    Map<String, Object> activation = new LinkedHashMap<>();
    activation.put("instance", CelValues.toCel(inputs.instance()));
    activation.put("plan", CelValues.toCel(inputs.plan()));
    activation.put("offering", CelValues.toCel(inputs.offering()));
    activation.put(BINDING, CelValues.toCel(binding));
    Map<String, Object> credentials = new LinkedHashMap<>();
    for (Map.Entry<String, CompiledExpression> field : expressions.entrySet()) {
      try {
        credentials.put(field.getKey(), field.getValue().evaluate(activation));
      } catch (ExpressionException e) {
        throw new RenderException("binding.credentials." + field.getKey() + ": " + e.getMessage());
      }
    }
    return credentials;
  }

  private Map<String, CompiledExpression> compile(
      ServiceOffering offering, BindingTemplate template) throws RenderException {
    String key = offering.getMetadata().getUid() + "/" + offering.getMetadata().getGeneration();
    Map<String, CompiledExpression> known = compiled.get(key);
    if (known != null) return known;
    Map<String, CompiledExpression> expressions = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : template.getCredentials().entrySet()) {
      try {
        expressions.put(field.getKey(), environment.compile(field.getValue()));
      } catch (ExpressionException e) {
        throw new RenderException("binding.credentials." + field.getKey() + ": " + e.getMessage());
      }
    }
    String uid = offering.getMetadata().getUid() + "/";
    compiled.keySet().removeIf(k -> k.startsWith(uid)); // older generations of this offering
    compiled.put(key, expressions);
    return expressions;
  }
}
