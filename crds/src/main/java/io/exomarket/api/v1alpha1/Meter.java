package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** One billing dimension of a plan: what Exoscale calls a variable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Meter {
  @Required
  @JsonPropertyDescription("The technical variable name agreed with Exoscale.")
  private String variable;

  @Required
  @JsonPropertyDescription("h, gb, gb.h or u.")
  private MeterUnit unit;

  @Required
  @JsonPropertyDescription(
      "uptime: hours Ready; storage: provisioned GB x hours; users: max synced users in the window.")
  private MeterSource source;

  @JsonPropertyDescription(
      "Whether the meter accrues while suspended; defaults to true for storage, false otherwise.")
  private Boolean accruesWhileSuspended;

  public String getVariable() {
    return variable;
  }

  public void setVariable(String variable) {
    this.variable = variable;
  }

  public MeterUnit getUnit() {
    return unit;
  }

  public void setUnit(MeterUnit unit) {
    this.unit = unit;
  }

  public MeterSource getSource() {
    return source;
  }

  public void setSource(MeterSource source) {
    this.source = source;
  }

  public Boolean getAccruesWhileSuspended() {
    return accruesWhileSuspended;
  }

  public void setAccruesWhileSuspended(Boolean accruesWhileSuspended) {
    this.accruesWhileSuspended = accruesWhileSuspended;
  }

  /** The effective setting: storage is kept while suspended, so it keeps accruing by default. */
  public boolean accruesWhileSuspended() {
    return accruesWhileSuspended != null ? accruesWhileSuspended : source == MeterSource.storage;
  }

  public Meter copy() {
    Meter m = new Meter();
    m.variable = variable;
    m.unit = unit;
    m.source = source;
    m.accruesWhileSuspended = accruesWhileSuspended;
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Meter m
        && Objects.equals(variable, m.variable)
        && unit == m.unit
        && source == m.source
        && Objects.equals(accruesWhileSuspended, m.accruesWhileSuspended);
  }

  @Override
  public int hashCode() {
    return Objects.hash(variable, unit, source, accruesWhileSuspended);
  }
}
