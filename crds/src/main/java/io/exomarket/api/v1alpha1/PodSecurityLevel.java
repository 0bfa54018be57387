package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Map;

/**
 * The Pod Security Standard a tenant namespace enforces. There is no {@code privileged}: a tenant
 * workload never gets host access, whatever its offering says.
 */
public enum PodSecurityLevel {
  /** The default: non-root, seccomp RuntimeDefault, no capabilities, no privilege escalation. */
  RESTRICTED("restricted"),
  /** For images that cannot run under restricted (e.g. they must start as root). */
  BASELINE("baseline");

  public static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
  public static final String AUDIT_LABEL = "pod-security.kubernetes.io/audit";
  public static final String WARN_LABEL = "pod-security.kubernetes.io/warn";

  private final String value;

  PodSecurityLevel(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  /** The weakest of the levels (restricted when there are none): a namespace serves them all. */
  public static PodSecurityLevel weakest(Collection<PodSecurityLevel> levels) {
    return levels.contains(BASELINE) ? BASELINE : RESTRICTED;
  }

  /**
   * The namespace labels: enforce this level; audit and warn always at restricted, so a lowered
   * namespace still reports what would not pass restricted.
   */
  public Map<String, String> namespaceLabels() {
    return Map.of(
        ENFORCE_LABEL, value, AUDIT_LABEL, RESTRICTED.value, WARN_LABEL, RESTRICTED.value);
  }
}
