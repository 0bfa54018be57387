package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A user of the customer's organization, as Exoscale's user sync sends it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceUser {
  @Required
  @JsonPropertyDescription("The user's e-mail address; the key of the user list.")
  private String email;

  @JsonPropertyDescription("The user's full name.")
  private String fullName;

  @JsonPropertyDescription("The user's role in the organization, e.g. owner, tech, admin.")
  private String role;

  public ServiceUser() {}

  public ServiceUser(String email, String fullName, String role) {
    this.email = email;
    this.fullName = fullName;
    this.role = role;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getFullName() {
    return fullName;
  }

  public void setFullName(String fullName) {
    this.fullName = fullName;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceUser u
        && Objects.equals(email, u.email)
        && Objects.equals(fullName, u.fullName)
        && Objects.equals(role, u.role);
  }

  @Override
  public int hashCode() {
    return Objects.hash(email, fullName, role);
  }
}
