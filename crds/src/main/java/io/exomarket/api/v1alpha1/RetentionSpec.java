package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;
import java.util.regex.Matcher;

/** What an offering keeps of a deprovisioned instance, and for how long. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetentionSpec {
  private static final String DURATION = "^(0|([0-9]+h)?([0-9]+m)?([0-9]+s)?)$";
  private static final java.util.regex.Pattern PARTS =
      java.util.regex.Pattern.compile("([0-9]+)([hms])");

  @Pattern(DURATION)
  @JsonPropertyDescription(
      "How long the data volumes (and graph resources with deletionPolicy: Retain) of a"
          + " deprovisioned instance are kept before they are purged, as hours, minutes and seconds"
          + " (e.g. 168h, 90m). 0 (default): deleted with the instance.")
  private String retainFor = "0";

  public String getRetainFor() {
    return retainFor;
  }

  public void setRetainFor(String retainFor) {
    this.retainFor = retainFor == null ? "0" : retainFor;
  }

  /** The period; zero when nothing is retained (or the value is not a valid duration). */
  @JsonIgnore
  public Duration retainForDuration() {
    if (retainFor == null || !retainFor.matches(DURATION)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    Matcher m = PARTS.matcher(retainFor);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          switch (m.group(2)) {
            case "h" -> total.plusHours(n);
            case "m" -> total.plusMinutes(n);
            default -> total.plusSeconds(n);
          };
    }
    return total;
  }
}
