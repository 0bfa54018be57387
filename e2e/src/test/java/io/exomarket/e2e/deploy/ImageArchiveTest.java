package io.exomarket.e2e.deploy;

import static io.exomarket.e2e.deploy.DeployKit.deploy;
import static io.exomarket.e2e.deploy.DeployKit.ofType;
import static io.exomarket.e2e.deploy.DeployKit.parse;
import static io.exomarket.e2e.deploy.DeployKit.root;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each image's class-data-sharing archive is made (Dockerfile) with the class path and main class
 * its ENTRYPOINT runs, and every JVM of the image maps it: the image's defaults and the
 * Deployment's JAVA_TOOL_OPTIONS name the file the training writes. A mismatch would not fail
 * anywhere: the JVM would silently start without the archive (the broker 40% slower).
 */
class ImageArchiveTest {
  private static final Pattern ARCHIVE_WRITTEN = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+)");
  private static final Pattern ARCHIVE_MAPPED = Pattern.compile("-XX:SharedArchiveFile=(\\S+)");

  private List<String> lines;

  static Stream<Arguments> images() {
    return Stream.of(
        Arguments.of("broker-adapter/Dockerfile", "base/broker-deployment.yaml"),
        Arguments.of("operator/Dockerfile", "base/operator-deployment.yaml"));
  }

  private void read(String dockerfile) {
    lines = List.of(DeployKit.read(root().resolve(dockerfile)).replace("\\\n", " ").split("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void theTrainingRunsTheEntrypointsClassPathAndMainClassAsRoot(
      String dockerfile, String deployment) throws Exception {
    read(dockerfile);
    List<String> training = execForm("RUN [");
    List<String> entrypoint = execForm("ENTRYPOINT [");

    assertThat(training).contains("--train-class-data-sharing");
    assertThat(argumentAfter(training, "-cp")).isEqualTo(argumentAfter(entrypoint, "-cp"));
    assertThat(training.get(training.size() - 2)).isEqualTo(entrypoint.get(entrypoint.size() - 1));
    // The runtime image's default user cannot write /app; the image runs as 65532 again after.
    int run = indexOf("RUN [");
    assertThat(lines.subList(0, run))
        .filteredOn(l -> l.startsWith("USER "))
        .last()
        .isEqualTo("USER 0:0");
    assertThat(lines.subList(run, lines.size()))
        .filteredOn(l -> l.startsWith("USER "))
        .containsExactly("USER 65532:65532");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void theImageAndTheDeploymentMapTheArchiveTheTrainingWrites(String dockerfile, String deployment)
      throws Exception {
    read(dockerfile);
    String archive = group(ARCHIVE_WRITTEN, String.join(" ", execForm("RUN [")));
    String imageFlags = lines.get(indexOf("ENV JAVA_TOOL_OPTIONS="));
    assertThat(group(ARCHIVE_MAPPED, imageFlags)).isEqualTo(archive);

    assertThat(group(ARCHIVE_MAPPED, deploymentFlags(deployment))).isEqualTo(archive);
  }

  /**
   * The Deployment replaces the image's JAVA_TOOL_OPTIONS: it keeps each of the image's flags (the
   * JIT, the GC, the bounded memory, the archive), only the heap's share made an explicit -Xmx.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void theDeploymentKeepsEveryFlagOfTheImage(String dockerfile, String deployment)
      throws Exception {
    read(dockerfile);
    String imageFlags = lines.get(indexOf("ENV JAVA_TOOL_OPTIONS="));
    List<String> image =
        List.of(
            imageFlags
                .substring(imageFlags.indexOf('"') + 1, imageFlags.lastIndexOf('"'))
                .split(" "));
    assertThat(List.of(deploymentFlags(deployment).split(" ")))
        .containsAll(image.stream().filter(f -> !f.startsWith("-XX:MaxRAMPercentage")).toList())
        .anyMatch(f -> f.startsWith("-Xmx"));
  }

  /** The JAVA_TOOL_OPTIONS of the Deployment's container. */
  private static String deploymentFlags(String deployment) throws Exception {
    Deployment workload = ofType(parse(deploy().resolve(deployment)), Deployment.class).get(0);
    return workload.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private List<String> execForm(String instruction) throws Exception {
    String line = lines.get(indexOf(instruction));
    return new ObjectMapper()
        .readValue(line.substring(line.indexOf('[')), new TypeReference<List<String>>() {});
  }

  private int indexOf(String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) return i;
    }
    throw new AssertionError("the Dockerfile has no " + prefix);
  }

  private static String argumentAfter(List<String> command, String option) {
    return command.get(command.indexOf(option) + 1);
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as(pattern + " in " + text).isTrue();
    return m.group(1).replace("\"", "");
  }
}
