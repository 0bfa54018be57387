package io.exomarket.broker.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.testkit.time.MutableClock;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentlyCreatedTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
  private final RecentlyCreated recent = new RecentlyCreated(clock, Duration.ofSeconds(30));

  @Test
  void answersForAnInstanceUntilForgotten() {
    ManagedServiceInstance a = instance("a");
    recent.add(a);
    assertThat(recent.get("a")).containsSame(a);
    assertThat(recent.get("b")).isEmpty();
    recent.forget("a");
    assertThat(recent.get("a")).isEmpty();
    recent.forget(null);
  }

  @Test
  void anEntryExpiresAtItsBoundSoALostEventCannotKeepIt() {
    recent.add(instance("a"));
    clock.advance(Duration.ofSeconds(29));
    assertThat(recent.get("a")).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(recent.get("a")).isEmpty();
    assertThat(recent.size()).isZero();
  }

  @Test
  void addingSweepsTheExpiredEntries() {
    recent.add(instance("a"));
    recent.add(instance("b"));
    clock.advance(Duration.ofSeconds(31));
    recent.add(instance("c"));
    assertThat(recent.size()).isEqualTo(1);
    assertThat(recent.get("c")).isPresent();
  }

  @Test
  void aCreateAnsweredAfterTheInformerSawTheInstanceComeAndGoAddsNothing() {
    ManagedServiceInstance a = instance("a");
    recent.deleted(a);
    recent.add(a);
    assertThat(recent.get("a")).isEmpty();
    clock.advance(Duration.ofSeconds(31));
    recent.add(instance("b")); // the tombstone has expired with its bound
    recent.add(a);
    assertThat(recent.get("a")).isPresent();
  }

  static ManagedServiceInstance instance(String instanceId) {
    ManagedServiceInstance msi = new ManagedServiceInstance();
    msi.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("tenant-x")
            .withName(InstanceNames.nameFor(instanceId))
            .withUid("uid-" + instanceId)
            .build());
    ManagedServiceInstanceSpec spec = new ManagedServiceInstanceSpec();
    spec.setInstanceId(instanceId);
    msi.setSpec(spec);
    return msi;
  }
}
