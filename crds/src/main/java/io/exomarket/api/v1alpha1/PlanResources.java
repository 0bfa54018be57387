package io.exomarket.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Quantity;

/** The size of a plan's workload. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanResources {
  @Min(1)
  @JsonPropertyDescription("Replicas while the instance runs.")
  private int replicas = 1;

  @JsonPropertyDescription("CPU request and limit per replica, e.g. 500m.")
  private Quantity cpu = new Quantity("500m");

  @JsonPropertyDescription("Memory request and limit per replica, e.g. 512Mi.")
  private Quantity memory = new Quantity("512Mi");

  @JsonPropertyDescription("Size of the data volume per replica, e.g. 10Gi.")
  private Quantity storage = new Quantity("1Gi");

  public int getReplicas() {
    return replicas;
  }

  public void setReplicas(int replicas) {
    this.replicas = replicas;
  }

  public Quantity getCpu() {
    return cpu;
  }

  public void setCpu(Quantity cpu) {
    this.cpu = cpu;
  }

  public Quantity getMemory() {
    return memory;
  }

  public void setMemory(Quantity memory) {
    this.memory = memory;
  }

  public Quantity getStorage() {
    return storage;
  }

  public void setStorage(Quantity storage) {
    this.storage = storage;
  }
}
