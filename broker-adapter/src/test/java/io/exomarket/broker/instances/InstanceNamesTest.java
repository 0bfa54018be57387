package io.exomarket.broker.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InstanceNamesTest {
  /**
   * DNS-1035 label (a DNS-1123 label that starts with a letter), the strictest name Kubernetes asks
   * for.
   */
  private static final Pattern DNS_1035 = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");

  @Test
  void namesAreDeterministicReadableAndShort() {
    String id = "1b0c5b8e-0000-4000-8000-000000000001";
    assertThat(InstanceNames.nameFor(id)).isEqualTo(InstanceNames.nameFor(id));
    assertThat(InstanceNames.nameFor(id)).startsWith("i-1b0c5b8e-").hasSize(37);
    assertThat(InstanceNames.hashOf(id)).hasSize(26).matches("[a-z2-7]+");
  }

  @Test
  void arbitraryIdsGiveValidNames() {
    List<String> ids =
        List.of(
            "a",
            "-",
            "---x---",
            "UPPER_case.ID",
            "ümlaut-ß-日本",
            "a/b/c",
            "a b",
            "..",
            "x".repeat(255),
            "9starts-with-digit",
            "ends-with-dash-",
            "%2F",
            "\u0000",
            "😀😀😀");
    for (String id : ids) {
      String name = InstanceNames.nameFor(id);
      assertThat(name).as(id).matches(DNS_1035).hasSizeLessThanOrEqualTo(37);
    }
  }

  @Test
  void idsThatSanitizeAlikeStillGetDistinctNames() {
    Set<String> names = new HashSet<>();
    for (String id : List.of("abc", "ABC", "a.b.c", "a-b-c", "a_b_c", "a b c", "abc ", "abc-")) {
      names.add(InstanceNames.nameFor(id));
    }
    assertThat(names).hasSize(8);
    for (int i = 0; i < 50_000; i++) {
      assertThat(names.add(InstanceNames.nameFor(UUID.randomUUID().toString()))).isTrue();
    }
  }
}
