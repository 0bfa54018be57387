package io.exomarket.api.v1alpha1;

/** Where a meter's quantity comes from. */
public enum MeterSource {
  uptime,
  storage,
  users
}
