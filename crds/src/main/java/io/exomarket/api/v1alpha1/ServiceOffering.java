package io.exomarket.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The catalog entry of one service (cluster-scoped): what the broker lists in {@code /v2/catalog}
 * and what each plan means for the workload and for metering. Its status says whether the workload
 * graph compiles and every kind it uses can be managed (written by the operator).
 */
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@Kind("ServiceOffering")
@Plural("serviceofferings")
@Singular("serviceoffering")
@ShortNames("offering")
@AdditionalPrinterColumn(
    name = "Service ID",
    jsonPath = ".spec.id",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Service",
    jsonPath = ".spec.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Suspension Plan",
    jsonPath = ".spec.suspensionPlanId",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ServiceOffering extends CustomResource<ServiceOfferingSpec, ServiceOfferingStatus> {

  @Override
  protected ServiceOfferingStatus initStatus() {
    return new ServiceOfferingStatus();
  }
}
