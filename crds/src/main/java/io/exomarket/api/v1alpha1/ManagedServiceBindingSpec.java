package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** What the platform asked for when it bound; never a credential. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedServiceBindingSpec {
  @Required
  @ValidationRule(value = "self == oldSelf", message = "instanceName is immutable")
  @JsonPropertyDescription(
      "The name of the ManagedServiceInstance (same namespace) this binding is for. Immutable.")
  private String instanceName;

  @Required
  @ValidationRule(value = "self == oldSelf", message = "bindingId is immutable")
  @JsonPropertyDescription("The OSB binding id the platform chose. Immutable.")
  private String bindingId;

  @Required
  @ValidationRule(value = "self == oldSelf", message = "instanceId is immutable")
  @JsonPropertyDescription("The OSB instance id of that instance. Immutable.")
  private String instanceId;

  @JsonPropertyDescription("The OSB app_guid (deprecated by OSB in favour of bindResource).")
  private String appGuid;

  @PreserveUnknownFields
  @JsonPropertyDescription("The OSB bind_resource, as sent.")
  private JsonNode bindResource;

  @PreserveUnknownFields
  @JsonPropertyDescription("The OSB binding parameters, as sent.")
  private JsonNode parameters;

  @PreserveUnknownFields
  @JsonPropertyDescription("The OSB context of the bind request, as sent.")
  private JsonNode context;

  public String getInstanceName() {
    return instanceName;
  }

  public void setInstanceName(String instanceName) {
    this.instanceName = instanceName;
  }

  public String getBindingId() {
    return bindingId;
  }

  public void setBindingId(String bindingId) {
    this.bindingId = bindingId;
  }

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public String getAppGuid() {
    return appGuid;
  }

  public void setAppGuid(String appGuid) {
    this.appGuid = appGuid;
  }

  public JsonNode getBindResource() {
    return bindResource;
  }

  public void setBindResource(JsonNode bindResource) {
    this.bindResource = bindResource;
  }

  public JsonNode getParameters() {
    return parameters;
  }

  public void setParameters(JsonNode parameters) {
    this.parameters = parameters;
  }

  public JsonNode getContext() {
    return context;
  }

  public void setContext(JsonNode context) {
    this.context = context;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManagedServiceBindingSpec that
        && Objects.equals(instanceName, that.instanceName)
        && Objects.equals(bindingId, that.bindingId)
        && Objects.equals(instanceId, that.instanceId)
        && Objects.equals(appGuid, that.appGuid)
        && Objects.equals(bindResource, that.bindResource)
        && Objects.equals(parameters, that.parameters)
        && Objects.equals(context, that.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        instanceName, bindingId, instanceId, appGuid, bindResource, parameters, context);
  }
}
