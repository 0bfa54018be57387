package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Exoscale's billing units. */
public enum MeterUnit {
  @JsonProperty("h")
  HOURS,
  @JsonProperty("gb")
  GB,
  @JsonProperty("gb.h")
  GB_HOURS,
  @JsonProperty("u")
  UNITS
}
