package io.exomarket.testkit.metering;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Command-line and environment options of {@link MeteringSink#main}. */
final class SinkOptions {
  private SinkOptions() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    return opts;
  }

  static String get(Map<String, String> opts, String name, String env, String fallback) {
    String v = opts.get(name);
    if (v == null) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? fallback : v;
  }

  static String require(Map<String, String> opts, String name, String env) {
    String v = get(opts, name, env, null);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " or " + env + " is required");
    }
    return v;
  }

  /** {@code SERVER_ERROR=0.05,SLOW=0.01} to fault probabilities. */
  static Map<SinkFault, Double> faults(String spec) {
    Map<SinkFault, Double> faults = new EnumMap<>(SinkFault.class);
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected FAULT=probability, got " + part);
      }
      faults.put(
          SinkFault.valueOf(kv[0].strip().toUpperCase(Locale.ROOT)),
          Double.parseDouble(kv[1].strip()));
    }
    return faults;
  }
}
