package dev.syncline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

  @Test
  void syncline_keeps_the_module_boundaries_of_the_design() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.syncline");

    assertThat(classes.containPackage("dev.syncline.core")).isTrue();
    assertThat(classes.containPackage("dev.syncline.store")).isTrue();
    ModuleBoundaries.rules("dev.syncline").forEach(rule -> rule.check(classes));
  }

  @Test
  void the_rules_catch_a_deliberately_wrong_set_of_classes() {
    JavaClasses fixture = new ClassFileImporter().importPackages("dev.syncline.archfixture");

    var violations =
        ModuleBoundaries.rules("dev.syncline.archfixture").stream()
            .map(rule -> rule.evaluate(fixture))
            .filter(result -> result.hasViolation())
            .flatMap(result -> result.getFailureReport().getDetails().stream())
            .collect(Collectors.joining("\n"));

    assertThat(violations)
        .as("core importing the store")
        .contains("archfixture.core.WrongCore")
        .contains("archfixture.store.SomeStore");
    assertThat(violations).as("core speaking SQL").contains("java.sql.Connection");
    assertThat(violations)
        .as("one system importing another")
        .contains("archfixture.joor.WrongJoor")
        .contains("archfixture.netsuite.SomeNetSuite");
    assertThat(violations)
        .as("a client encoding with URLEncoder")
        .contains("archfixture.joor.WrongJoor.query")
        .contains("java.net.URLEncoder");
    assertThat(violations)
        .as("the sandbox importing a client")
        .contains("archfixture.sandbox.WrongSandbox");
    assertThat(violations)
        .as("classes that keep to their bounds are not reported")
        .doesNotContain("(SomeNetSuite.java:")
        .doesNotContain("(SomeStore.java:");
  }
}
