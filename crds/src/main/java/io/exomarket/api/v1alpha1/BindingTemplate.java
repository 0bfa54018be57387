package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a binding of the offering returns: the vendor decides the shape of {@code credentials}. Each
 * value is a CEL expression over {@code instance} (with {@code status}), {@code plan}, {@code
 * offering} and {@code binding} ({@code name}, {@code id}, {@code username}, {@code password},
 * {@code secretName}, {@code appGuid}, {@code parameters}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BindingTemplate {
  @JsonPropertyDescription(
      "Credential fields by name (host, port, username, password, uri...), each a CEL expression,"
          + " e.g. uri: '\"pg://\" + binding.username + \":\" + binding.password + \"@\" +"
          + " instance.name + \".\" + instance.namespace + \".svc:5432\"'.")
  private Map<String, String> credentials = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "Whether a bind request must name an application (OSB app_guid); 422 RequiresApp if not.")
  private boolean requiresApp;

  public Map<String, String> getCredentials() {
    return credentials;
  }

  public void setCredentials(Map<String, String> credentials) {
    this.credentials = credentials == null ? new LinkedHashMap<>() : credentials;
  }

  public boolean isRequiresApp() {
    return requiresApp;
  }

  public void setRequiresApp(boolean requiresApp) {
    this.requiresApp = requiresApp;
  }
}
