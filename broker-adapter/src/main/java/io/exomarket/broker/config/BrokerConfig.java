package io.exomarket.broker.config;

import io.exomarket.api.tenant.TenantGrant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The adapter's settings, from environment variables:
 *
 * <ul>
 *   <li>{@code BROKER_HOST} (0.0.0.0), {@code BROKER_PORT} (8080; 0 picks a free port);
 *   <li>{@code BROKER_USERNAME} + {@code BROKER_PASSWORD}, or {@code BROKER_CREDENTIALS_FILE};
 *   <li>{@code BROKER_SYNC_TIMEOUT} (40s): how long a synchronous request waits for the operator;
 *       it must stay below the platform's 60 s request timeout;
 *   <li>{@code BROKER_ASYNC_GRACE} (2s): with {@code accepts_incomplete=true}, how long a request
 *       waits for the operation to finish before answering 202; one that finishes in time answers
 *       as if synchronous (201/200, or 200 for a DELETE of what is then gone);
 *   <li>{@code BROKER_TLS_KEYSTORE}, {@code BROKER_TLS_KEYSTORE_PASSWORD}, {@code
 *       BROKER_TLS_KEYSTORE_TYPE} (PKCS12): serve HTTPS instead of plain HTTP;
 *   <li>{@code OPERATOR_SERVICE_ACCOUNT}, {@code BROKER_SERVICE_ACCOUNT} ({@code
 *       exomarket-system/exomarket-operator}, {@code exomarket-system/exomarket-broker}): who a new
 *       tenant namespace grants its tenant ClusterRoles to;
 *   <li>{@code BROKER_NAMESPACE_PREFIX} (tenant-): tenant namespaces are the prefix plus the
 *       organization UUID;
 *   <li>{@code BROKER_MAX_BODY_BYTES} (65536), {@code BROKER_RETRY_AFTER} (5s), {@code
 *       BROKER_SHUTDOWN_TIMEOUT} (20s), {@code BROKER_INFORMER_SYNC_TIMEOUT} (60s: how long
 *       start-up waits for the caches).
 * </ul>
 *
 * Durations are ISO-8601 ({@code PT40S}) or a number of seconds, optionally suffixed {@code s} or
 * {@code ms}.
 */
public record BrokerConfig(
    String host,
    int port,
    Credentials credentials,
    Duration syncTimeout,
    Path tlsKeystore,
    String tlsKeystorePassword,
    String tlsKeystoreType,
    String namespacePrefix,
    int maxBodyBytes,
    Duration retryAfter,
    Duration shutdownTimeout,
    Duration informerSyncTimeout,
    Duration asyncGrace,
    List<TenantGrant> tenantGrants) {

  /** The platform gives up after about 60 s; answering later than that is answering no one. */
  public static final Duration PLATFORM_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern NAMESPACE_PREFIX =
      Pattern.compile("^[a-z]([a-z0-9-]{0,25}[a-z0-9-])?$");

  public BrokerConfig {
    if (port < 0 || port > 65535)
      throw new IllegalArgumentException("BROKER_PORT out of range: " + port);
    if (credentials == null) throw new IllegalArgumentException("broker credentials are required");
    if (syncTimeout.isNegative() || syncTimeout.compareTo(PLATFORM_TIMEOUT) >= 0) {
      throw new IllegalArgumentException(
          "BROKER_SYNC_TIMEOUT must be below the platform's 60 s timeout, got " + syncTimeout);
    }
    if (!NAMESPACE_PREFIX.matcher(namespacePrefix).matches()) {
      throw new IllegalArgumentException(
          "BROKER_NAMESPACE_PREFIX must be up to 27 lowercase letters, digits or '-', starting with a"
              + " letter (prefix + UUID must be a DNS label), got '"
              + namespacePrefix
              + "'");
    }
    if (asyncGrace.isNegative() || asyncGrace.compareTo(syncTimeout) > 0) {
      throw new IllegalArgumentException(
          "BROKER_ASYNC_GRACE must be between 0 and BROKER_SYNC_TIMEOUT, got " + asyncGrace);
    }
    tenantGrants = List.copyOf(tenantGrants);
    if (maxBodyBytes < 1024)
      throw new IllegalArgumentException("BROKER_MAX_BODY_BYTES is too small");
  }

  /** Plain HTTP on a random port with the given credentials and a short sync timeout: for tests. */
  public static BrokerConfig forTests(String username, String password) {
    return new BrokerConfig(
        "127.0.0.1",
        0,
        new Credentials(username, password),
        Duration.ofSeconds(5),
        null,
        null,
        "PKCS12",
        "tenant-",
        64 * 1024,
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ZERO,
        defaultGrants(Map.of()));
  }

  public static BrokerConfig fromEnv() {
    return fromEnv(System.getenv());
  }

  public static BrokerConfig fromEnv(Map<String, String> env) {
    Credentials credentials;
    String file = env.get("BROKER_CREDENTIALS_FILE");
    if (file != null && !file.isBlank()) {
      credentials = Credentials.fromFile(Path.of(file));
    } else {
      credentials = new Credentials(env.get("BROKER_USERNAME"), env.get("BROKER_PASSWORD"));
    }
    String keystore = env.get("BROKER_TLS_KEYSTORE");
    return new BrokerConfig(
        env.getOrDefault("BROKER_HOST", "0.0.0.0"),
        Integer.parseInt(env.getOrDefault("BROKER_PORT", "8080").trim()),
        credentials,
        duration(env, "BROKER_SYNC_TIMEOUT", "40s"),
        keystore == null || keystore.isBlank() ? null : Path.of(keystore),
        env.get("BROKER_TLS_KEYSTORE_PASSWORD"),
        env.getOrDefault("BROKER_TLS_KEYSTORE_TYPE", "PKCS12"),
        env.getOrDefault("BROKER_NAMESPACE_PREFIX", "tenant-"),
        Integer.parseInt(env.getOrDefault("BROKER_MAX_BODY_BYTES", "65536").trim()),
        duration(env, "BROKER_RETRY_AFTER", "5s"),
        duration(env, "BROKER_SHUTDOWN_TIMEOUT", "20s"),
        duration(env, "BROKER_INFORMER_SYNC_TIMEOUT", "60s"),
        duration(env, "BROKER_ASYNC_GRACE", "2s"),
        defaultGrants(env));
  }

  /**
   * What a new tenant namespace grants (RoleBindings of the tenant ClusterRoles): the operator's
   * and the broker's, to the ServiceAccounts named by {@code OPERATOR_SERVICE_ACCOUNT} and {@code
   * BROKER_SERVICE_ACCOUNT} ({@code <namespace>/<name>}, the deploy kit's by default).
   */
  static List<TenantGrant> defaultGrants(Map<String, String> env) {
    return List.of(TenantGrant.operator(env), TenantGrant.broker(env));
  }

  static Duration duration(Map<String, String> env, String key, String fallback) {
    String raw = env.getOrDefault(key, fallback).trim();
    try {
      if (raw.startsWith("P") || raw.startsWith("p")) return Duration.parse(raw);
      if (raw.endsWith("ms"))
        return Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2)));
      if (raw.endsWith("s"))
        return Duration.ofSeconds(Long.parseLong(raw.substring(0, raw.length() - 1)));
      return Duration.ofSeconds(Long.parseLong(raw));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(key + " is not a duration: " + raw, e);
    }
  }

  public boolean tls() {
    return tlsKeystore != null;
  }

  public BrokerConfig withSyncTimeout(Duration timeout) {
    return new BrokerConfig(
        host,
        port,
        credentials,
        timeout,
        tlsKeystore,
        tlsKeystorePassword,
        tlsKeystoreType,
        namespacePrefix,
        maxBodyBytes,
        retryAfter,
        shutdownTimeout,
        informerSyncTimeout,
        asyncGrace,
        tenantGrants);
  }

  public BrokerConfig withTls(Path keystore, String password, String type) {
    return new BrokerConfig(
        host,
        port,
        credentials,
        syncTimeout,
        keystore,
        password,
        type,
        namespacePrefix,
        maxBodyBytes,
        retryAfter,
        shutdownTimeout,
        informerSyncTimeout,
        asyncGrace,
        tenantGrants);
  }

  public BrokerConfig withNamespacePrefix(String prefix) {
    return new BrokerConfig(
        host,
        port,
        credentials,
        syncTimeout,
        tlsKeystore,
        tlsKeystorePassword,
        tlsKeystoreType,
        prefix,
        maxBodyBytes,
        retryAfter,
        shutdownTimeout,
        informerSyncTimeout,
        asyncGrace,
        tenantGrants);
  }

  /** With accepts_incomplete=true, wait up to {@code grace} for completion before answering 202. */
  public BrokerConfig withAsyncGrace(Duration grace) {
    return new BrokerConfig(
        host,
        port,
        credentials,
        syncTimeout,
        tlsKeystore,
        tlsKeystorePassword,
        tlsKeystoreType,
        namespacePrefix,
        maxBodyBytes,
        retryAfter,
        shutdownTimeout,
        informerSyncTimeout,
        grace,
        tenantGrants);
  }

  @Override
  public String toString() {
    return "BrokerConfig[host="
        + host
        + ", port="
        + port
        + ", username="
        + credentials.username()
        + ", syncTimeout="
        + syncTimeout
        + ", asyncGrace="
        + asyncGrace
        + ", tls="
        + tls()
        + ", namespacePrefix="
        + namespacePrefix
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", retryAfter="
        + retryAfter
        + ", shutdownTimeout="
        + shutdownTimeout
        + "]";
  }
}
