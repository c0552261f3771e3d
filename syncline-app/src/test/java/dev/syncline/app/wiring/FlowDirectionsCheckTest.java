package dev.syncline.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.app.config.ConfigException;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.config.ConfigProblem;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.StatusWriter;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.core.testing.SettableClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Config check of a two-way flow's directions against their own targets, on fake systems that read
 * and write customers both ways (the real adapters do not yet).
 */
class FlowDirectionsCheckTest {

  private final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");

  private SystemAdapters system(String name, boolean deactivates) {
    var fake = new FakeSystem(name, clock);
    if (deactivates) {
      fake.deactivatesOnLeave();
    }
    return new SystemAdapters() {
      public String instance() {
        return name;
      }

      public Optional<RecordImporter<?>> importer(RecordType type) {
        return Optional.of(fake.importer());
      }

      public Optional<RecordExporter<?>> exporter(RecordType type) {
        return Optional.of(fake.exporter());
      }

      public Optional<StatusWriter> statusWriter(RecordType type) {
        return Optional.empty();
      }

      public String probe() {
        return "fine";
      }

      public ConnectionState connection() {
        throw new UnsupportedOperationException("not asked by config check");
      }
    };
  }

  private List<String> problems(String yaml, boolean deactivates) {
    var check =
        FlowWiring.check(config ->
            Map.of("alpha", system("alpha", deactivates), "beta", system("beta", deactivates)));
    try {
      new ConfigLoader(Map.of(), List.of(check)).parse("syncline.yaml", yaml);
      return List.of();
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
  }

  private static String flow(String more) {
    return """
    flows:
      - name: customers-both-ways
        recordType: customer
        from: alpha
        to: beta
        direction: two-way
        valueMaps:
          paymentMethod:
            Net 30: NET30
    """
        + more;
  }

  @Test
  void each_direction_is_checked_against_its_own_target_and_named_with_its_place() {
    assertThat(
            problems(
                flow(
                    """
                        forward:
                          mapping:
                            name: "$uppercase(name)"
                          valueMaps:
                            paymentMethod:
                              Net 30: NET30
                        back:
                          mapping:
                            nom: "name & ' ✨'"
                          valueMaps:
                            paymentMethod:
                              Net 30: NET30
                    """),
                false))
        .singleElement()
        .asString()
        .startsWith("syncline.yaml:18:9 ")
        .contains("flows[0].back.mapping.nom")
        .contains("in the back direction, to alpha,")
        .doesNotContain("give that direction");
  }

  @Test
  void a_flow_mapping_shared_by_both_directions_is_checked_against_both_targets() {
    assertThat(
            problems(
                flow(
                    """
                        mapping:
                          nom: "name"
                        forward:
                          mapping:
                            name: "name"
                          valueMaps:
                            paymentMethod:
                              Net 30: NET30
                    """),
                false))
        .singleElement()
        .asString()
        .contains("flows[0].mapping.nom")
        .contains("in the back direction, to alpha,")
        .contains("give that direction its own mapping and valueMaps under back");
  }

  @Test
  void propagating_leaving_is_refused_where_the_target_cannot_deactivate_and_taken_where_it_can() {
    var yaml = flow("    onLeave: propagate\n");

    assertThat(problems(yaml, false))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p).contains("flows[0].onLeave").contains("Set onLeave: unlink"))
        .anySatisfy(p -> assertThat(p).contains("beta cannot cancel or deactivate customer"))
        .anySatisfy(p -> assertThat(p).contains("alpha cannot cancel or deactivate customer"));
    assertThat(problems(yaml, true)).isEmpty();
  }
}
