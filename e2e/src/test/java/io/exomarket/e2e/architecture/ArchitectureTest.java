package io.exomarket.e2e.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the architecture as designed, checked on the production classes of every
 * module (this module sees them all): the adapter and the operator meet only through the API types,
 * the API depends on neither, no production class uses test support, and no package cycles.
 */
class ArchitectureTest {
  private static final String API = "io.exomarket.api..";
  private static final String OPERATOR = "io.exomarket.operator..";
  private static final String BROKER = "io.exomarket.broker..";
  private static final String TESTKIT = "io.exomarket.testkit..";
  private static final String SANDBOX = "io.exomarket.sandbox..";
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ArchitectureTest::isMainCode)
            .importPackages("io.exomarket");
  }

  /** The modules' main classes (directories or jars), not their test classes or test jars. */
  private static boolean isMainCode(com.tngtech.archunit.core.importer.Location location) {
    return !location.contains("/test-classes/") && !location.contains("-tests.jar");
  }

  @Test
  void theRulesSeeEveryModule() {
    for (String pkg :
        List.of(
            "io.exomarket.api.v1alpha1",
            "io.exomarket.operator.controller",
            "io.exomarket.broker.instances",
            "io.exomarket.testkit.kube",
            "io.exomarket.sandbox")) {
      assertThat(production.containPackage(pkg)).as(pkg).isTrue();
    }
    assertThat(production.containPackage("io.exomarket.operator.testing"))
        .as("test classes are not production classes")
        .isFalse();
  }

  @Test
  void theAdapterAndTheOperatorNeverImportEachOther() {
    noClasses()
        .that()
        .resideInAPackage(OPERATOR)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BROKER)
        .because("the adapter and the operator meet only through custom resources")
        .check(production);
    noClasses()
        .that()
        .resideInAPackage(BROKER)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(OPERATOR)
        .because("the adapter and the operator meet only through custom resources")
        .check(production);
  }

  @Test
  void theApiImportsNeitherComponent() {
    noClasses()
        .that()
        .resideInAPackage(API)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(OPERATOR, BROKER, TESTKIT, SANDBOX)
        .check(production);
  }

  @Test
  void noProductionClassUsesTestSupport() {
    noClasses()
        .that()
        .resideInAnyPackage(API, OPERATOR, BROKER)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TESTKIT, SANDBOX)
        .because("production jars and images hold production code only")
        .check(production);
  }

  @Test
  void thereAreNoPackageCycles() {
    slices().matching("io.exomarket.(**)").should().beFreeOfCycles().check(production);
  }
}
