package io.exomarket.e2e.deploy;

import static io.exomarket.e2e.deploy.DeployKit.deploy;
import static io.exomarket.e2e.deploy.DeployKit.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceStatus;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.RealApiServer;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The GitOps health checks of deploy/gitops, executed: Argo CD's Lua (argocd-health.lua, Lua 5.1 in
 * Argo CD via gopher-lua; LuaJ here) and Flux's healthCheckExprs (flux-kustomization.yaml, CEL
 * evaluated as Flux's StatusEvaluator does: the generation check, then inProgress, failed, current;
 * cel-java here, cel-go in Flux) on ManagedServiceInstances in every state the operator writes, and
 * before it wrote any status.
 */
class GitOpsHealthChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  // ---------------------------------------------------------------- objects as the API server has
  // them

  /** An instance at generation 2 applied by a GitOps tool; status null = never written. */
  private static Map<String, Object> msi(String statusJson, boolean statusWritten) {
    List<Object> managedFields = new ArrayList<>();
    managedFields.add(
        Map.of(
            "manager",
            "kustomize-controller",
            "operation",
            "Apply",
            "apiVersion",
            "marketplace.exomarket.io/v1alpha1",
            "fieldsType",
            "FieldsV1"));
    if (statusWritten) {
      managedFields.add(
          Map.of(
              "manager",
              "exomarket-operator",
              "operation",
              "Update",
              "subresource",
              "status",
              "apiVersion",
              "marketplace.exomarket.io/v1alpha1",
              "fieldsType",
              "FieldsV1"));
    }
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", "marketplace.exomarket.io/v1alpha1");
    obj.put("kind", "ManagedServiceInstance");
    obj.put(
        "metadata",
        new LinkedHashMap<>(
            Map.of(
                "name",
                "db",
                "namespace",
                "tenant",
                "generation",
                2L,
                "managedFields",
                managedFields)));
    obj.put("spec", Map.of("planId", "plan-small", "suspended", false));
    if (statusJson != null) {
      obj.put("status", toJava(parse(statusJson)));
    }
    return obj;
  }

  private static String cond(String type, String status, String reason, String message) {
    return "{\"type\":\""
        + type
        + "\",\"status\":\""
        + status
        + "\",\"reason\":\""
        + reason
        + "\",\"message\":\""
        + message
        + "\",\"observedGeneration\":2,\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}";
  }

  private static String status(String message, String... conditions) {
    return "{\"observedGeneration\":2,\"state\":\"x\""
        + (message == null ? "" : ",\"message\":\"" + message + "\"")
        + ",\"conditions\":["
        + String.join(",", conditions)
        + "]}";
  }

  private static final String READY =
      status(
          null,
          cond("Ready", "True", "Ready", ""),
          cond("Reconciling", "False", "Ready", ""),
          cond("Stalled", "False", "Reconciled", ""),
          cond("Suspended", "False", "NotSuspended", ""));
  private static final String SUSPENDED =
      status(
          "suspended: workload scaled to zero, data kept",
          cond("Ready", "True", "Suspended", "suspended"),
          cond("Reconciling", "False", "Suspended", ""),
          cond("Stalled", "False", "Reconciled", ""),
          cond("Suspended", "True", "Suspended", ""));
  private static final String SUSPENDING =
      status(
          "suspending: scaling the workload to zero",
          cond("Ready", "False", "Suspending", "suspending"),
          cond("Reconciling", "True", "Suspending", "suspending"),
          cond("Stalled", "False", "Reconciled", ""),
          cond("Suspended", "True", "Suspending", ""));
  private static final String PROVISIONING =
      status(
          "provisioning: 0 of 1 replicas ready",
          cond("Ready", "False", "Provisioning", "0 of 1 replicas ready"),
          cond("Reconciling", "True", "Provisioning", "0 of 1"),
          cond("Stalled", "False", "Reconciled", ""));
  private static final String STALLED_NO_MESSAGE =
      status(
          null,
          cond("Ready", "False", "OfferingNotFound", ""),
          cond("Stalled", "True", "OfferingNotFound", ""));
  private static final String STALLED =
      status(
          "no ServiceOffering with id 9f3a",
          cond("Ready", "False", "OfferingNotFound", ""),
          cond("Stalled", "True", "OfferingNotFound", "no ServiceOffering with id 9f3a"));
  private static final String STALLED_CONDITION_MESSAGE_ONLY =
      status(null, cond("Stalled", "True", "PlanNotFound", "plan plan-huge not in the offering"));
  private static final String OLD_GENERATION =
      READY.replaceFirst("\"observedGeneration\":2", "\"observedGeneration\":1");

  // ---------------------------------------------------------------- Argo CD

  @Test
  void argoCdLua() {
    assertThat(argo(msi(null, false)))
        .isEqualTo("Progressing: Waiting for the operator to observe the instance");
    assertThat(argo(msi("{}", true))).isEqualTo("Progressing: Reconciling");
    assertThat(argo(msi(READY, true))).isEqualTo("Healthy: Ready");
    assertThat(
            argo(
                msi(
                    READY.replace(
                        "\"state\":\"x\"", "\"state\":\"x\",\"message\":\"all 1 replicas ready\""),
                    true)))
        .isEqualTo("Healthy: all 1 replicas ready");
    assertThat(argo(msi(SUSPENDED, true)))
        .isEqualTo("Suspended: suspended: workload scaled to zero, data kept");
    assertThat(argo(msi(SUSPENDING, true)))
        .isEqualTo("Progressing: suspending: scaling the workload to zero");
    assertThat(argo(msi(PROVISIONING, true)))
        .isEqualTo("Progressing: provisioning: 0 of 1 replicas ready");
    assertThat(argo(msi(STALLED_NO_MESSAGE, true))).isEqualTo("Degraded: OfferingNotFound");
    assertThat(argo(msi(STALLED, true)))
        .isEqualTo("Degraded: OfferingNotFound: no ServiceOffering with id 9f3a");
    assertThat(argo(msi(STALLED_CONDITION_MESSAGE_ONLY, true)))
        .isEqualTo("Degraded: PlanNotFound: plan plan-huge not in the offering");
    assertThat(argo(msi(OLD_GENERATION, true)))
        .isEqualTo("Progressing: Waiting for the operator to observe generation 2");
  }

  /** Runs the script as Argo CD does: a global obj, the script returns {status, message}. */
  private static String argo(Map<String, Object> obj) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    globals.load(new StringLib());
    globals.load(new JseMathLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(obj));
    LuaValue result =
        globals
            .load(read(deploy().resolve("gitops/argocd-health.lua")), "argocd-health.lua")
            .call();
    assertThat(result.istable()).as("the script returns a table").isTrue();
    String status = result.get("status").tojstring();
    assertThat(status)
        .isIn("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
    assertThat(result.get("message").isstring()).as("a message, always").isTrue();
    return status + ": " + result.get("message").tojstring();
  }

  private static LuaValue toLua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    }
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((k, v) -> table.set(k.toString(), toLua(v)));
      return table;
    }
    if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, toLua(list.get(i)));
      }
      return table;
    }
    if (value instanceof Boolean b) {
      return LuaValue.valueOf(b);
    }
    if (value instanceof Number n) {
      return LuaValue.valueOf(n.doubleValue());
    }
    return LuaValue.valueOf(value.toString());
  }

  // ---------------------------------------------------------------- Flux

  @Test
  void fluxHealthCheckExpressions() throws Exception {
    // Before the operator's first status write: in progress, not an evaluation error.
    assertThat(flux(msi(null, false))).isEqualTo("InProgress");
    assertThat(flux(msi("{}", true))).isEqualTo("InProgress");
    assertThat(flux(msi(READY, true))).isEqualTo("Current");
    assertThat(flux(msi(SUSPENDED, true))).isEqualTo("Current");
    assertThat(flux(msi(SUSPENDING, true))).isEqualTo("InProgress");
    assertThat(flux(msi(PROVISIONING, true))).isEqualTo("InProgress");
    assertThat(flux(msi(STALLED_NO_MESSAGE, true))).isEqualTo("Failed");
    assertThat(flux(msi(STALLED, true))).isEqualTo("Failed");
    assertThat(flux(msi(OLD_GENERATION, true))).isEqualTo("InProgress");
    // Where managedFields are stripped (a cache that drops them) nothing tells that status is
    // missing: CEL errors on the absent field, which Flux reports as Unknown and keeps waiting.
    Map<String, Object> stripped = msi(null, false);
    ((Map<?, ?>) stripped.get("metadata")).remove("managedFields");
    assertThat(flux(stripped)).startsWith("Unknown");
  }

  /**
   * On a real kube-apiserver (skipped without the control-plane binaries, required in CI): the
   * managedFields the inProgress expression relies on, before and after a status write through the
   * status subresource (as the operator's StatusRecorder does).
   */
  @Test
  void fluxExpressionsOnARealApiServer() throws Exception {
    try (RealApiServer api = RealApiServer.start()) {
      KubernetesClient client = api.adminClient();
      Fixtures.installOffering(client);
      Fixtures.namespace(client, "tenant-flux");
      ManagedServiceInstance created =
          client.resource(Fixtures.instance("tenant-flux", "db", Fixtures.SMALL)).create();
      assertThat(flux(asMap(client, client.resource(created).get()))).isEqualTo("InProgress");

      ManagedServiceInstance msi = client.resource(created).get();
      ManagedServiceInstanceStatus status = new ManagedServiceInstanceStatus();
      status.setObservedGeneration(msi.getMetadata().getGeneration());
      status
          .getConditions()
          .add(
              new ConditionBuilder()
                  .withType("Ready")
                  .withStatus("True")
                  .withReason("Ready")
                  .withMessage("all 1 replicas ready")
                  .withObservedGeneration(msi.getMetadata().getGeneration())
                  .withLastTransitionTime(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"))
                  .build());
      msi.setStatus(status);
      client.resource(msi).updateStatus();
      Map<String, Object> stored = asMap(client, client.resource(created).get());
      assertThat(stored.toString()).contains("subresource=status");
      assertThat(flux(stored)).isEqualTo("Current");
    }
  }

  private static Map<String, Object> asMap(KubernetesClient client, ManagedServiceInstance msi) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map =
        (Map<String, Object>) toJava(parse(client.getKubernetesSerialization().asJson(msi)));
    return map;
  }

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableOptionalSyntax(true)
          .enableHeterogeneousNumericComparisons(
              true) // Flux: cel.CrossTypeNumericComparisons(true)
          .build();

  /**
   * Flux parses without declarations; cel-java needs them to check: the top-level fields as dyn.
   */
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelOptionalLibrary.INSTANCE)
          .addVar("apiVersion", SimpleType.DYN)
          .addVar("kind", SimpleType.DYN)
          .addVar("metadata", SimpleType.DYN)
          .addVar("spec", SimpleType.DYN)
          .addVar("status", SimpleType.DYN)
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelOptionalLibrary.INSTANCE)
          .build();

  /** Flux's StatusEvaluator.Evaluate: InProgress, Failed, Current, or Unknown on an error. */
  private static String flux(Map<String, Object> obj) throws Exception {
    JsonNode check = null;
    List<JsonNode> docs =
        YAML.readerFor(JsonNode.class)
            .<JsonNode>readValues(deploy().resolve("gitops/flux-kustomization.yaml").toFile())
            .readAll();
    for (JsonNode doc : docs) {
      if (doc.path("spec").has("healthCheckExprs")) {
        check = doc.get("spec").get("healthCheckExprs").get(0);
      }
    }
    assertThat(check).as("a healthCheckExprs entry in flux-kustomization.yaml").isNotNull();
    assertThat(check.get("kind").asText()).isEqualTo("ManagedServiceInstance");
    Object observed = nested(obj, "status", "observedGeneration");
    Object generation = nested(obj, "metadata", "generation");
    if (observed != null
        && generation != null
        && ((Number) observed).longValue() != ((Number) generation).longValue()) {
      return "InProgress";
    }
    for (String[] step :
        new String[][] {
          {"inProgress", "InProgress"}, {"failed", "Failed"}, {"current", "Current"}
        }) {
      if (!check.has(step[0])) {
        continue;
      }
      String expr = check.get(step[0]).asText();
      CelValidationResult compiled = COMPILER.compile(expr);
      assertThat(compiled.hasError()).as(step[0] + ": " + compiled.getErrorString()).isFalse();
      CelAbstractSyntaxTree ast = compiled.getAst();
      Object result;
      try {
        result = RUNTIME.createProgram(ast).eval(obj);
      } catch (Exception e) {
        return "Unknown: " + step[0] + ": " + e.getMessage();
      }
      // Flux's EvaluateBoolean: anything but a bool is an error. (cel-go errors on an absent
      // variable; cel-java yields an unknown: the same outcome here.)
      if (!(result instanceof Boolean)) {
        return "Unknown: " + step[0] + " is not a bool: " + result;
      }
      if ((Boolean) result) {
        return step[1];
      }
    }
    return "InProgress";
  }

  private static Object nested(Map<String, Object> obj, String... path) {
    Object at = obj;
    for (String key : path) {
      if (!(at instanceof Map<?, ?> map)) {
        return null;
      }
      at = map.get(key);
    }
    return at;
  }

  // ---------------------------------------------------------------- JSON as the tools see it

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /**
   * Maps, lists, strings, booleans, integers as long (Kubernetes' int64), other numbers as double.
   */
  private static Object toJava(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isNull()) {
                  map.put(e.getKey(), toJava(e.getValue()));
                }
              });
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toJava(n)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }
}
