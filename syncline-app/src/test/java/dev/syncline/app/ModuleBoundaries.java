package dev.syncline.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The dependency rules of DESIGN.md section 2, for the modules under one root package. The real
 * check uses {@code dev.syncline}; the test of the rules themselves points them at a deliberately
 * wrong fixture.
 */
final class ModuleBoundaries {

  static final List<String> SYSTEMS = List.of("netsuite", "joor", "zoey");

  /** Libraries that speak HTTP or SQL, which the core must not touch. */
  static final String[] HTTP_AND_SQL = {
    "java.net.http..", "java.sql..", "javax.sql..", "org.jdbi..", "io.javalin..",
        "org.eclipse.jetty..",
    "jakarta.servlet..", "org.postgresql..", "com.zaxxer..", "org.flywaydb..", "io.zonky..",
        "org.h2.."
  };

  private ModuleBoundaries() {}

  static List<ArchRule> rules(String root) {
    var rules = new ArrayList<ArchRule>();
    var core = root + ".core..";
    var store = root + ".store..";
    var sandbox = root + ".sandbox..";
    var app = root + ".app..";
    var bench = root + ".bench..";

    rules.add(
        noClasses()
            .that()
            .resideInAPackage(core)
            .should()
            .dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAPackage(core))))
            .because("the core depends on no other module of ours")
            .allowEmptyShould(true));
    rules.add(
        noClasses()
            .that()
            .resideInAPackage(core)
            .should()
            .dependOnClassesThat(resideInAnyPackage(HTTP_AND_SQL))
            .because(
                "the core speaks neither HTTP nor SQL; systems and the store do that behind its ports")
            .allowEmptyShould(true));
    rules.add(
        noClasses()
            .that()
            .resideInAPackage(store)
            .should()
            .dependOnClassesThat(
                resideInAPackage(root + "..").and(not(resideInAnyPackage(store, core))))
            .because("the store depends on the core only")
            .allowEmptyShould(true));
    for (var system : SYSTEMS) {
      var own = root + "." + system + "..";
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(own)
              .should()
              .dependOnClassesThat(
                  resideInAPackage(root + "..").and(not(resideInAnyPackage(own, core))))
              .because("a system module depends on the core only, never on another system")
              .allowEmptyShould(true));
    }
    rules.add(
        noClasses()
            .that()
            .resideInAnyPackage(
                SYSTEMS.stream().map(system -> root + "." + system + "..").toArray(String[]::new))
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(java.net.URLEncoder.class)
            .because(
                "the clients share one percent-encoding, WireText.percentEncode (RFC 3986), and one"
                    + " call path, RemoteCalls")
            .allowEmptyShould(true));
    rules.add(
        noClasses()
            .that()
            .resideInAPackage(sandbox)
            .should()
            .dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAPackage(sandbox))))
            .because(
                "a sandbox is written from the remote system's side and shares no code with our clients")
            .allowEmptyShould(true));
    rules.add(
        noClasses()
            .that()
            .resideInAPackage(app)
            .should()
            .dependOnClassesThat(resideInAPackage(bench))
            .because("the benchmarks drive the app, not the other way round")
            .allowEmptyShould(true));
    return rules;
  }
}
