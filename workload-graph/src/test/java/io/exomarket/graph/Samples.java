package io.exomarket.graph;

import io.exomarket.api.v1alpha1.InstanceContext;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The repository's sample files (read where they live, never copied) and a sample instance. */
final class Samples {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  static final String NAMESPACE = "tenant-0d8c7a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6";
  static final String ORGANIZATION = "0d8c7a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6";
  static final String INSTANCE_ID = "6c1b7f0e-2a3d-4e5f-9a8b-7c6d5e4f3a2b";

  private Samples() {}

  /** A file of the repository, from the module directory Maven runs tests in. */
  static Path repo(String path) {
    return Path.of("..").resolve(path);
  }

  static ServiceOffering offering(String path) {
    try {
      return SERIALIZATION.unmarshal(Files.readString(repo(path)), ServiceOffering.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ManagedServiceInstance instance(String planId, boolean suspended) {
    ManagedServiceInstance instance = new ManagedServiceInstance();
    instance.setMetadata(
        new ObjectMetaBuilder().withName("sample-db").withNamespace(NAMESPACE).build());
    ManagedServiceInstanceSpec spec = new ManagedServiceInstanceSpec();
    spec.setInstanceId(INSTANCE_ID);
    spec.setServiceId("9f3a1c2e-5d4b-4e6f-8a7b-0c1d2e3f4a5b");
    spec.setPlanId(planId);
    spec.setOrganization(ORGANIZATION);
    spec.setSuspended(suspended);
    spec.setUsers(List.of(new ServiceUser("alice@example.com", "Alice Example", "admin")));
    spec.setParameters(
        SERIALIZATION.convertValue(
            Map.of("version", "16"), com.fasterxml.jackson.databind.JsonNode.class));
    spec.setContext(new InstanceContext("exoscale", "example-org", "Example Org"));
    instance.setSpec(spec);
    return instance;
  }

  static GraphInputs inputs(ServiceOffering offering, String planId, boolean suspended) {
    return GraphInputs.of(
        instance(planId, suspended), offering.getSpec().plan(planId).orElseThrow(), offering);
  }

  /** The maps of a multi-document or single YAML text. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String text) {
    return SERIALIZATION.unmarshal(text, Map.class);
  }
}
