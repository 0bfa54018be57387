package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/** The OSB schemas.service_instance.{create,update}.parameters of a plan. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ParameterSchemas {
  @PreserveUnknownFields
  @JsonPropertyDescription("JSON schema (draft-04 or later) of the provision parameters.")
  private JsonNode create;

  @PreserveUnknownFields
  @JsonPropertyDescription("JSON schema (draft-04 or later) of the update parameters.")
  private JsonNode update;

  public JsonNode getCreate() {
    return create;
  }

  public void setCreate(JsonNode create) {
    this.create = create;
  }

  public JsonNode getUpdate() {
    return update;
  }

  public void setUpdate(JsonNode update) {
    this.update = update;
  }
}
