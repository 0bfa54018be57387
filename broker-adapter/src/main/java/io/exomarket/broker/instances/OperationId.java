package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.broker.osb.OsbError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OSB {@code operation} of an async answer: {@code <type>:<generation>}, e.g. {@code update:3}.
 * Derived from the MSI alone, so any replica can answer a poll for an operation another replica
 * started, and a restart loses nothing.
 */
public record OperationId(OperationType type, long generation) {
  private static final Pattern FORMAT = Pattern.compile("^([a-z]+):(\\d{1,18})$");

  public static OperationId parse(String operation) {
    Matcher m = FORMAT.matcher(operation);
    if (m.matches()) {
      for (OperationType type : OperationType.values()) {
        if (type.value().equals(m.group(1)))
          return new OperationId(type, Long.parseLong(m.group(2)));
      }
    }
    throw OsbError.badRequest("unknown operation '" + abbreviate(operation) + "'");
  }

  public boolean isDeprovision() {
    return type == OperationType.DEPROVISION;
  }

  @Override
  public String toString() {
    return type.value() + ":" + generation;
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
