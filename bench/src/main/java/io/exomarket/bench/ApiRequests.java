package io.exomarket.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code apiserver_request_total} from the kube-apiserver's {@code /metrics} (the admin
 * client may). The mock serves no metrics: then every count is {@link RequestCounts#UNAVAILABLE}.
 */
public final class ApiRequests {
  private static final Pattern SAMPLE =
      Pattern.compile("^apiserver_request_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final KubernetesClient client;
  private final boolean available;

  public ApiRequests(KubernetesClient client, boolean realApiServer) {
    this.client = client;
    this.available = realApiServer;
  }

  public RequestCounts snapshot() {
    return available ? parse(client.raw("/metrics")) : RequestCounts.UNAVAILABLE;
  }

  static RequestCounts parse(String exposition) {
    Map<String, Long> counts = new TreeMap<>();
    Matcher sample = SAMPLE.matcher(exposition);
    while (sample.find()) {
      Map<String, String> labels = new TreeMap<>();
      Matcher label = LABEL.matcher(sample.group(1));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      String resource = labels.getOrDefault("resource", "");
      if (resource.isEmpty()) {
        continue; // /metrics, /healthz, discovery: not the work measured
      }
      String sub = labels.getOrDefault("subresource", "");
      String key = labels.get("verb") + " " + resource + (sub.isEmpty() ? "" : "/" + sub);
      counts.merge(key, (long) Double.parseDouble(sample.group(2)), Long::sum);
    }
    return new RequestCounts(counts);
  }
}
