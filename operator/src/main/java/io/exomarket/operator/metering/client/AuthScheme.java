package io.exomarket.operator.metering.client;

/**
 * How requests are authenticated. The Partner API documents {@link #EXO2_HMAC_SHA256}; the legacy
 * documentation names no scheme, so it defaults to the same and {@link #BASIC} (key as user name,
 * secret as password) is available should onboarding say otherwise.
 */
public enum AuthScheme {
  EXO2_HMAC_SHA256,
  BASIC
}
