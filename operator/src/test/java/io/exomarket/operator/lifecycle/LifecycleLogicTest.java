package io.exomarket.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exomarket.api.status.Conditions;
import io.exomarket.api.status.Reason;
import io.exomarket.api.v1alpha1.AppliedSpec;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;
import io.exomarket.graph.GraphStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure pieces of the lifecycle: state derivation, operation naming, conditions. */
class LifecycleLogicTest {

  @ParameterizedTest(name = "suspended={0} workload={1} everReady={2} op={3} -> {4}")
  @CsvSource({
    "false, READY,       false, PROVISION, Ready",
    "false, PROGRESSING, false, PROVISION, Provisioning",
    "false, PROGRESSING, false, UPDATE,    Provisioning",
    "false, PROGRESSING, true,  UPDATE,    Updating",
    "false, PROGRESSING, true,  RESUME,    Resuming",
    "false, STOPPED,     true,  RESUME,    Resuming",
    "true,  STOPPED,     true,  SUSPEND,   Suspended",
    "true,  READY,       true,  SUSPEND,   Suspending",
    "true,  PROGRESSING, false, PROVISION, Suspending",
    "true,  STOPPED,     false, PROVISION, Suspended",
  })
  void derivesTheState(
      boolean suspended,
      WorkloadObservation workload,
      boolean everReady,
      OperationType op,
      InstanceState expected) {
    assertThat(InstanceStateDeriver.derive(suspended, workload, everReady, op)).isEqualTo(expected);
  }

  @Test
  void namesTheOperation() {
    AppliedSpec running = new AppliedSpec(1L, "small", false, "x");
    AppliedSpec suspended = new AppliedSpec(2L, "small", true, "y");
    LastOperation provisionInProgress =
        new LastOperation(OperationType.PROVISION, OperationState.IN_PROGRESS, "", "t", 1L);
    LastOperation provisionDone =
        new LastOperation(OperationType.PROVISION, OperationState.SUCCEEDED, "", "t", 1L);

    assertThat(OperationClassifier.classify(null, false, null)).isEqualTo(OperationType.PROVISION);
    assertThat(OperationClassifier.classify(running, false, provisionInProgress))
        .isEqualTo(OperationType.PROVISION);
    assertThat(OperationClassifier.classify(running, false, provisionDone))
        .isEqualTo(OperationType.UPDATE);
    assertThat(OperationClassifier.classify(running, true, provisionDone))
        .isEqualTo(OperationType.SUSPEND);
    assertThat(OperationClassifier.classify(suspended, false, provisionDone))
        .isEqualTo(OperationType.RESUME);
    assertThat(OperationClassifier.classify(suspended, true, provisionDone))
        .isEqualTo(OperationType.UPDATE);
  }

  @Test
  void transitionTimeMovesOnlyWhenTheStatusFlips() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Instant t1 = t0.plusSeconds(60);
    List<Condition> first =
        new Conditions(List.of(), 1, t0).set("Ready", false, Reason.PROVISIONING, "wait").build();
    List<Condition> same =
        new Conditions(first, 2, t1).set("Ready", false, Reason.UPDATING, "still").build();
    List<Condition> flipped =
        new Conditions(same, 2, t1).set("Ready", true, Reason.READY, "ok").build();

    assertThat(same.get(0).getLastTransitionTime()).isEqualTo(t0.toString());
    assertThat(same.get(0).getObservedGeneration()).isEqualTo(2L);
    assertThat(same.get(0).getReason()).isEqualTo("Updating");
    assertThat(flipped.get(0).getLastTransitionTime()).isEqualTo(t1.toString());
  }

  @Test
  void observesTheWholeGraph() {
    GraphStatus ready = new GraphStatus(true, false, List.of(), List.of("workload: not at zero"));
    GraphStatus suspended = new GraphStatus(false, true, List.of("workload: 0/2"), List.of());
    GraphStatus neither = new GraphStatus(false, false, List.of("a"), List.of("b"));
    assertThat(WorkloadObservation.of(ready, false)).isEqualTo(WorkloadObservation.READY);
    assertThat(WorkloadObservation.of(ready, true)).isEqualTo(WorkloadObservation.PROGRESSING);
    assertThat(WorkloadObservation.of(suspended, true)).isEqualTo(WorkloadObservation.STOPPED);
    assertThat(WorkloadObservation.of(suspended, false)).isEqualTo(WorkloadObservation.PROGRESSING);
    assertThat(WorkloadObservation.of(neither, false)).isEqualTo(WorkloadObservation.PROGRESSING);
    assertThat(WorkloadObservation.of(neither, true)).isEqualTo(WorkloadObservation.PROGRESSING);
  }

  @Test
  void fingerprintIgnoresKeyOrderButNotContent() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ManagedServiceInstanceSpec a = new ManagedServiceInstanceSpec();
    a.setPlanId("small");
    a.setParameters(json.readTree("{\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}}"));
    ManagedServiceInstanceSpec b = new ManagedServiceInstanceSpec();
    b.setPlanId("small");
    b.setParameters(json.readTree("{\"b\": {\"d\": 3, \"c\": 2}, \"a\": 1}"));
    assertThat(SpecFingerprint.of(a)).isEqualTo(SpecFingerprint.of(b));
    b.setSuspended(true);
    assertThat(SpecFingerprint.of(a)).isNotEqualTo(SpecFingerprint.of(b));
  }
}
