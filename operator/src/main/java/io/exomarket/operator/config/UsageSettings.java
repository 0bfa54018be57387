package io.exomarket.operator.config;

import io.exomarket.operator.metering.client.ApiVariant;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Usage reporting. Disabled when no endpoint is configured.
 *
 * @param window report window, aligned to multiples of it since the epoch (1 h in production)
 * @param settle wait after a window closes before reporting it, so late state changes land in it
 * @param maxRecheck the longest a reconcile waits before looking again (bounds clock jumps)
 * @param deletionGiveUp how long a deleted instance waits for its final report before a Warning
 * @param releaseOnGiveUp after {@code deletionGiveUp}: true releases the finalizer (usage is lost),
 *     false keeps blocking deletion until reporting succeeds or is resolved
 * @param lagThreshold report lag (now minus the oldest unreported window end) shown as
 *     UsageReported=False/Lagging
 */
public record UsageSettings(
    URI endpoint,
    ApiVariant variant,
    String product,
    String credentialsNamespace,
    String credentialsSecret,
    Duration window,
    Duration settle,
    Duration maxRecheck,
    Duration requestTimeout,
    Duration deletionGiveUp,
    boolean releaseOnGiveUp,
    Duration lagThreshold) {

  public static UsageSettings disabled() {
    return new UsageSettings(
        null,
        ApiVariant.PARTNER,
        null,
        null,
        null,
        Duration.ofHours(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        Duration.ofHours(24),
        false,
        Duration.ofHours(6));
  }

  public boolean enabled() {
    return endpoint != null;
  }

  static UsageSettings fromEnvironment(Map<String, String> env) {
    String endpoint = env.getOrDefault("METERING_ENDPOINT", "").trim();
    UsageSettings d = disabled();
    return new UsageSettings(
        endpoint.isEmpty() ? null : URI.create(endpoint),
        ApiVariant.parse(env.getOrDefault("METERING_API_VARIANT", "partner")),
        env.get("METERING_PRODUCT"),
        env.getOrDefault("METERING_SECRET_NAMESPACE", env.getOrDefault("POD_NAMESPACE", "default")),
        env.getOrDefault("METERING_SECRET_NAME", "metering-credentials"),
        seconds(env, "METERING_WINDOW_SECONDS", d.window),
        seconds(env, "METERING_SETTLE_SECONDS", d.settle),
        seconds(env, "METERING_MAX_RECHECK_SECONDS", d.maxRecheck),
        seconds(env, "METERING_REQUEST_TIMEOUT_SECONDS", d.requestTimeout),
        seconds(env, "METERING_DELETION_GIVE_UP_SECONDS", d.deletionGiveUp),
        "release".equalsIgnoreCase(env.getOrDefault("METERING_DELETION_GIVE_UP_POLICY", "block")),
        seconds(env, "METERING_LAG_THRESHOLD_SECONDS", d.lagThreshold));
  }

  private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : Duration.ofSeconds(Long.parseLong(v.trim()));
  }
}
