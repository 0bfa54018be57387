package io.exomarket.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectNamesTest {

  @Test
  void shortNamesAreInstanceDashIdAsADnsLabel() {
    assertThat(ObjectNames.defaultName("db1", "config")).isEqualTo("db1-config");
    assertThat(ObjectNames.defaultName("db1", "read_Replica")).isEqualTo("db1-read-replica");
    assertThat(ObjectNames.defaultName("i.abc", "_x")).isEqualTo("i-abc--x");
  }

  @Test
  void longNamesAreCutWithAStableHash() {
    String instance = "i-6c1b7f0e2a3d4e5f-0123456789abcdef0123456789";
    String a = ObjectNames.defaultName(instance, "scheduledBackupOfTheCluster");
    String b = ObjectNames.defaultName(instance, "scheduledBackupOfTheClusterToo");
    assertThat(a)
        .hasSizeLessThanOrEqualTo(63)
        .matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
        .matches(".*-[0-9a-f]{8}");
    assertThat(b).hasSizeLessThanOrEqualTo(63).isNotEqualTo(a);
    assertThat(ObjectNames.defaultName(instance, "scheduledBackupOfTheCluster")).isEqualTo(a);
  }
}
