package io.exomarket.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.v1alpha1.WorkloadTemplate;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy single-image workload as the default graph (the classpath resource {@code
 * default-workload.yaml} with the legacy fields filled in): credentials Secret, users ConfigMap,
 * headless Service, NetworkPolicy and StatefulSet, as the operator's dependents built them, with
 * the pod hardened for Pod Security "restricted".
 */
public final class DefaultWorkload {
  static final String RESOURCE = "default-workload.yaml";
  private static final String YAML = load();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();

  private DefaultWorkload() {}

  /**
   * A workload in graph form doing what the legacy fields describe; the legacy fields are dropped.
   */
  public static WorkloadTemplate graphFor(WorkloadTemplate legacy) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("image", LegacyText.literal(legacy.getImage()));
    values.put("port", (long) legacy.getPort());
    values.put("dataPath", LegacyText.literal(legacy.getDataPath()));
    String storageClass = legacy.getStorageClass();
    values.put(
        "storageClass",
        storageClass == null || storageClass.isBlank() ? null : LegacyText.literal(storageClass));
    values.put("env", env(legacy.getEnv()));
    values.put("dashboardUrl", LegacyText.dashboardUrl(legacy.getDashboardUrlTemplate()));
    Object tree = new LegacyPlaceholders(values).fill(SERIALIZATION.unmarshal(YAML, Map.class));
    return JSON.convertValue(tree, WorkloadTemplate.class);
  }

  /** The vendor's variables first, in their order, as the StatefulSet dependent wrote them. */
  private static List<Map<String, Object>> env(Map<String, String> env) {
    List<Map<String, Object>> out = new ArrayList<>();
    env.forEach(
        (name, value) -> {
          Map<String, Object> variable = new LinkedHashMap<>();
          variable.put("name", name);
          variable.put("value", LegacyText.literal(value));
          out.add(variable);
        });
    return out;
  }

  private static String load() {
    try (InputStream in = DefaultWorkload.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
