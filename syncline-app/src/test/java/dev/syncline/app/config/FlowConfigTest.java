package dev.syncline.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowConfigTest {

  private static List<String> problems(String yaml) {
    try {
      new ConfigLoader(Map.of()).parse("syncline.yaml", yaml);
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  void reads_a_flow_into_the_engines_settings() {
    var config =
        new ConfigLoader(Map.of())
            .parse(
                "syncline.yaml",
                """
                engine:
                  workers: 8
                  retention: 14d
                  deletionCheck: 6h
                  maxProbeInterval: 30m
                flows:
                  - name: customers-to-joor-us
                    recordType: customer
                    from: netsuite
                    to: joor_us
                    every: 30s
                    filter: "'JOOR' in channels"
                    mapping:
                      buyerName: "name & ' (buyer)'"
                    valueMaps:
                      paymentMethod:
                        Net 30: NET30
                        Net 60: 60
                    statusFields:
                      status: custentity_syncline_joor_status
                      message: custentity_syncline_joor_message
                      syncedAt: custentity_syncline_joor_synced_at
                  - name: customers-with-zoey
                    recordType: customer
                    from: netsuite
                    to: zoey
                    direction: two-way
                    master: zoey
                    fieldMasters:
                      email: netsuite
                    enabled: false
                """);

    assertThat(config.engine().workers()).isEqualTo(8);
    assertThat(config.engine().retention()).isEqualTo(Duration.ofDays(14));
    assertThat(config.engine().deletionCheck()).isEqualTo(Duration.ofHours(6));
    assertThat(config.engine().maxProbeInterval()).isEqualTo(Duration.ofMinutes(30));
    var joor = config.flows().get(0).settings();
    assertThat(joor.name()).isEqualTo("customers-to-joor-us");
    assertThat(joor.recordType()).isEqualTo(RecordType.CUSTOMER);
    assertThat(joor.every()).isEqualTo(Duration.ofSeconds(30));
    assertThat(joor.direction()).isEqualTo(Direction.ONE_WAY);
    assertThat(joor.filter()).contains("'JOOR' in channels");
    assertThat(joor.mapping()).containsEntry("buyerName", "name & ' (buyer)'");
    assertThat(joor.valueMaps().get("paymentMethod"))
        .containsEntry("Net 30", "NET30")
        .containsEntry("Net 60", "60");
    assertThat(joor.statusFields())
        .hasValueSatisfying(
            f -> assertThat(f.status()).isEqualTo("custentity_syncline_joor_status"));
    assertThat(joor.batchSize()).isEqualTo(100);
    var zoey = config.flows().get(1).settings();
    assertThat(zoey.direction()).isEqualTo(Direction.TWO_WAY);
    assertThat(zoey.master()).isEqualTo(Side.B);
    assertThat(zoey.fieldMasters()).containsEntry("email", Side.A);
    assertThat(zoey.enabled()).isFalse();
    assertThat(zoey.every()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void a_schedule_that_is_not_a_duration_is_named_with_its_place() {
    assertThat(
            problems(
                """
                flows:
                  - name: customers
                    recordType: customer
                    from: netsuite
                    to: joor_us
                    every: often
                """))
        .containsExactly(
            "syncline.yaml:6:5 flows[0].every: expected a duration like 30s or 5m, got \"often\"");
  }

  @Test
  void a_misspelt_flow_key_and_a_missing_one_are_both_reported() {
    assertThat(
            problems(
                """
                flows:
                  - name: customers
                    recordType: customer
                    from: netsuite
                    evrey: 30s
                """))
        .containsExactly(
            "syncline.yaml:2:5 flows[0]: missing required key \"to\"",
            "syncline.yaml:5:5 flows[0].evrey: unknown key; did you mean \"every\"?");
  }

  @Test
  void a_longest_probe_wait_under_a_minute_is_refused_and_one_above_is_taken() {
    assertThat(problems("engine:\n  maxProbeInterval: 20s\n"))
        .containsExactly(
            "syncline.yaml:2:3 engine.maxProbeInterval: expected at least 1m, got 20s");
  }

  @Test
  void a_reference_deadline_under_a_minute_is_refused_and_the_default_is_an_hour() {
    assertThat(problems("engine:\n  referenceDeadline: 30s\n"))
        .containsExactly(
            "syncline.yaml:2:3 engine.referenceDeadline: expected at least 1m (how long a record"
                + " waits for the records it refers to before it goes to the failed record queue),"
                + " got 30s");
    assertThat(
            new ConfigLoader(Map.of())
                .parse("syncline.yaml", "engine:\n  referenceDeadline: 2h\n")
                .engine()
                .referenceDeadline())
        .isEqualTo(Duration.ofHours(2));
    assertThat(SynclineConfig.Engine.DEFAULTS.referenceDeadline()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void a_deletion_check_more_often_than_a_minute_is_refused() {
    assertThat(problems("engine:\n  deletionCheck: 30s\n"))
        .containsExactly("syncline.yaml:2:3 engine.deletionCheck: expected at least 1m, got 30s");
  }

  @Test
  void a_lease_is_read_and_one_too_short_or_too_long_is_refused_saying_what_it_is_for() {
    var config = new ConfigLoader(Map.of()).parse("syncline.yaml", "engine:\n  lease: 90s\n");
    assertThat(config.engine().lease()).isEqualTo(Duration.ofSeconds(90));
    assertThat(new ConfigLoader(Map.of()).defaults().engine().lease())
        .isEqualTo(Duration.ofMinutes(5));

    var expected =
        "engine.lease: expected from 10s to 1h (how long a batch of a node that died waits before"
            + " another node takes it over), got ";
    assertThat(problems("engine:\n  lease: 500ms\n"))
        .containsExactly("syncline.yaml:2:3 " + expected + "500ms");
    assertThat(problems("engine:\n  lease: 2h\n"))
        .containsExactly("syncline.yaml:2:3 " + expected + "2h");
    assertThat(problems("engine:\n  lease: soon\n"))
        .containsExactly(
            "syncline.yaml:2:3 engine.lease: expected a duration like 30s or 5m, got \"soon\"");
  }

  @Test
  void checks_what_the_schema_cannot() {
    assertThat(
            problems(
                """
                flows:
                  - name: customers
                    recordType: customer
                    from: netsuite
                    to: joor_us
                    every: 5s
                    master: joor_us
                  - name: customers
                    recordType: customer
                    from: netsuite
                    to: netsuite
                    filter: "channels["
                """))
        .containsExactly(
            "syncline.yaml:6:5 flows[0].every: expected at least 10s, got 5s",
            "syncline.yaml:7:5 flows[0].master: only a two-way flow has a master; set direction: two-way,"
                + " or remove this",
            "syncline.yaml:8:5 flows[1].name: flows[0] is named \"customers\" too; each flow needs a name of"
                + " its own",
            "syncline.yaml:11:5 flows[1].to: expected a system other than the flow's from, got \"netsuite\"",
            "syncline.yaml:12:5 flows[1].filter: is not a valid JSONata expression: "
                + problems(
                        "flows:\n  - name: x\n    recordType: customer\n    from: a\n    to: b\n"
                            + "    filter: \"channels[\"\n")
                    .getFirst()
                    .replaceFirst("^.*is not a valid JSONata expression: ", ""));
  }

  @Test
  void a_record_type_that_does_not_exist_lists_those_that_do() {
    assertThat(
            problems(
                """
                flows:
                  - name: orders
                    recordType: order
                    from: joor_us
                    to: netsuite
                """))
        .singleElement()
        .asString()
        .startsWith(
            "syncline.yaml:3:5 flows[0].recordType: expected one of \"customer\", \"contact\"")
        .contains("\"salesOrder\"")
        .endsWith("got \"order\"");
  }

  @Test
  void a_two_way_flow_reads_a_filter_mapping_and_value_maps_per_direction_and_what_leaving_means() {
    var config =
        new ConfigLoader(Map.of())
            .parse(
                "syncline.yaml",
                """
                flows:
                  - name: customers-with-zoey
                    recordType: customer
                    from: netsuite
                    to: zoey
                    direction: two-way
                    onLeave: propagate
                    mapping:
                      name: "name"
                    forward:
                      filter: "'Zoey' in channels"
                      mapping:
                        name: "name & ' ✨'"
                      valueMaps:
                        terms:
                          Net 30: net30
                """);

    var settings = config.flows().getFirst().settings();
    assertThat(settings.onLeave()).isEqualTo(dev.syncline.core.flow.OnLeave.PROPAGATE);
    var forward = settings.route(Side.A);
    assertThat(forward.filter()).contains("'Zoey' in channels");
    assertThat(forward.mapping()).containsExactly(Map.entry("name", "name & ' ✨'"));
    assertThat(forward.valueMaps().get("terms")).containsEntry("Net 30", "net30");
    var back = settings.route(Side.B);
    assertThat(back.filter()).as("back has no block: the flow's own").isEmpty();
    assertThat(back.mapping()).containsExactly(Map.entry("name", "name"));
  }

  @Test
  void a_one_way_flow_unlinks_on_leaving_by_default() {
    var config =
        new ConfigLoader(Map.of())
            .parse(
                "syncline.yaml",
                "flows:\n  - name: x\n    recordType: customer\n    from: a\n    to: b\n");
    assertThat(config.flows().getFirst().settings().onLeave())
        .isEqualTo(dev.syncline.core.flow.OnLeave.UNLINK);
  }

  @Test
  void a_leaving_that_is_neither_unlink_nor_propagate_is_refused_saying_what_each_does() {
    assertThat(
            problems(
                """
                flows:
                  - name: customers
                    recordType: customer
                    from: netsuite
                    to: joor_us
                    onLeave: delete
                """))
        .containsExactly(
            "syncline.yaml:6:5 flows[0].onLeave: expected unlink (nothing changes on the target) or"
                + " propagate (cancel or deactivate the record there), got \"delete\"");
  }

  @Test
  void directions_of_a_one_way_flow_are_refused_and_their_filters_checked() {
    assertThat(
            problems(
                """
                flows:
                  - name: customers
                    recordType: customer
                    from: netsuite
                    to: joor_us
                    back:
                      filter: "channels["
                      mapping:
                        name: "name"
                """))
        .hasSize(2)
        .anySatisfy(p ->
            assertThat(p)
                .startsWith("syncline.yaml:6:5 flows[0].back: only a two-way flow has directions")
                .contains("set direction: two-way"))
        .anySatisfy(p ->
            assertThat(p)
                .startsWith("syncline.yaml:7:7 flows[0].back.filter: is not a valid JSONata"));
  }
}
