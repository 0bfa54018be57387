package io.exomarket.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One customer's purchase of a managed service: created by the broker adapter from an OSB request
 * (or applied directly through GitOps) in the customer's tenant namespace, driven by the operator.
 */
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@Kind("ManagedServiceInstance")
// Named, not derived: fabric8 would pluralize the kind with regular expressions in every
// constructor.
@Plural("managedserviceinstances")
@Singular("managedserviceinstance")
@ShortNames("msi")
@AdditionalPrinterColumn(
    name = "Plan",
    jsonPath = ".spec.planId",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "State",
    jsonPath = ".status.state",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Suspended",
    jsonPath = ".spec.suspended",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "Org",
    jsonPath = ".spec.organization",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.message",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Version",
    jsonPath = ".spec.maintenanceVersion",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Instance ID",
    jsonPath = ".spec.instanceId",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
public class ManagedServiceInstance
    extends CustomResource<ManagedServiceInstanceSpec, ManagedServiceInstanceStatus>
    implements Namespaced {

  @Override
  protected ManagedServiceInstanceStatus initStatus() {
    return new ManagedServiceInstanceStatus();
  }
}
