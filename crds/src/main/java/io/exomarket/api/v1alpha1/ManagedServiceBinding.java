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
 * One OSB service binding: its own credential for an instance, next to the instance in the tenant
 * namespace. Created by the broker adapter (or applied by hand); the operator generates the
 * credential into the Secret {@code status.secretName}, which the binding owns. The credential is
 * never in this resource.
 */
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@Kind("ManagedServiceBinding")
@Plural("managedservicebindings")
@Singular("managedservicebinding")
@ShortNames("msb")
@AdditionalPrinterColumn(
    name = "Instance",
    jsonPath = ".spec.instanceName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "State",
    jsonPath = ".status.state",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Binding ID",
    jsonPath = ".spec.bindingId",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
public class ManagedServiceBinding
    extends CustomResource<ManagedServiceBindingSpec, ManagedServiceBindingStatus>
    implements Namespaced {

  @Override
  protected ManagedServiceBindingStatus initStatus() {
    return new ManagedServiceBindingStatus();
  }
}
