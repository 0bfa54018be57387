package io.exomarket.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD YAML under {@code crds/generated/} is what deploy/ and reviewers see; it must be exactly
 * what the build generates from the Java types. Regenerate with {@code mvn -pl crds verify
 * -Dcrds.update=true}.
 */
class CommittedCrdsTest {
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  private static final Path COMMITTED = Path.of("generated");

  @Test
  void committedCrdsMatchTheGeneratedOnes() throws IOException {
    List<String> generated = names(GENERATED);
    assertThat(generated)
        .contains(
            "managedserviceinstances.marketplace.exomarket.io-v1.yml",
            "serviceofferings.marketplace.exomarket.io-v1.yml",
            "managedservicebindings.marketplace.exomarket.io-v1.yml");
    if (Boolean.getBoolean("crds.update")) {
      for (String name : generated) {
        Files.copy(
            GENERATED.resolve(name), COMMITTED.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    assertThat(names(COMMITTED))
        .as("files in crds/generated (regenerate with -Dcrds.update=true)")
        .containsExactlyElementsOf(generated);
    for (String name : generated) {
      assertThat(Files.readString(COMMITTED.resolve(name)))
          .as("crds/generated/%s is stale: run mvn -pl crds verify -Dcrds.update=true", name)
          .isEqualTo(Files.readString(GENERATED.resolve(name)));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml"))
          .sorted()
          .toList();
    }
  }
}
