package dev.syncline.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.flow.Side;
import dev.syncline.core.model.Customer;
import dev.syncline.core.port.ConflictFilter;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TwoWayFlowTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
  }

  private static Customer changed(Customer c, String name, String email) {
    return new Customer(
        name,
        Optional.of(email),
        c.phone(),
        c.inactive(),
        c.terms(),
        c.priceLevel(),
        c.currency(),
        c.subsidiary(),
        c.salesRep(),
        c.creditLimit(),
        c.channels(),
        c.addresses(),
        c.custom());
  }

  /** Customer 1 on A, synced once to B; returns its id on B. */
  private String linkedCustomer(dev.syncline.core.engine.SyncEngine engine) {
    fx.source.put("1", FakeSystem.customer("Shop 1"));
    fx.clock.advance(Duration.ofSeconds(10));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(10));
    return fx.target.targetIdOf("1").orElseThrow();
  }

  private String nameOn(FakeSystem system, String id) {
    return system.get(id).orElseThrow().customer().name();
  }

  @Test
  void its_own_write_coming_back_from_the_other_side_is_not_sent_back() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of()));
    var onB = linkedCustomer(engine);

    var echo = fx.sync(engine);

    assertThat(nameOn(fx.target, onB)).isEqualTo("Shop 1");
    assertThat(fx.source.writeLog()).as("nothing written back to A").isEmpty();
    assertThat(fx.runLog.run(echo).orElseThrow().unchanged()).isEqualTo(1);
  }

  @Test
  void
      a_record_a_create_made_on_the_other_side_is_not_created_back_before_the_create_is_recorded() {
    var settings = EngineFixture.twoWay(Side.A, Map.of());
    var dead = fx.engine(settings, "dead-node");
    fx.source.put("1", FakeSystem.customer("Shop 1"));
    fx.clock.advance(Duration.ofSeconds(10));
    dead.scan(EngineFixture.FLOW, "schedule");
    fx.target.crashAfterWrites(true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dead.drain(EngineFixture.FLOW))
        .hasMessageContaining("process died");
    assertThat(fx.target.size()).as("the create reached B, its link did not").isEqualTo(1);

    // Another node scans B and finds the record there, linked to nothing yet.
    var live = fx.engine(settings, "node-2");
    live.scan(EngineFixture.FLOW, "schedule");
    live.drain(EngineFixture.FLOW);
    assertThat(fx.source.writeLog()).as("not taken for a new record of B").isEmpty();

    // The dead node's lease runs out: its create is looked up, found and linked.
    fx.clock.advance(Duration.ofHours(1));
    fx.sync(live);
    fx.clock.advance(Duration.ofSeconds(10));
    fx.sync(live);

    assertThat(fx.source.writeLog()).as("nothing created back on A").isEmpty();
    assertThat(fx.source.size()).isEqualTo(1);
    assertThat(fx.target.recordsPerKey()).containsExactly(Map.entry("1", 1L));
    assertThat(fx.target.maybeWrittenFlags()).contains(true);
  }

  @Test
  void a_change_on_either_side_reaches_the_other() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of()));
    var onB = linkedCustomer(engine);

    fx.target.put(onB, changed(FakeSystem.customer("Shop 1"), "Renamed on B", "b@example.com"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    assertThat(nameOn(fx.source, "1")).isEqualTo("Renamed on B");
    assertThat(fx.source.writeLog()).containsExactly(onB);
    assertThat(fx.target.writeLog()).as("A's echo is not sent back to B").containsExactly("1");
  }

  private java.util.List<String> conflictsOn(String side) {
    return db.jdbi()
        .withHandle(h ->
            h.createQuery(
                    "SELECT message FROM sync_event WHERE kind = 'conflict' AND side = :side"
                        + " ORDER BY message")
                .bind("side", side)
                .mapTo(String.class)
                .list());
  }

  private String base() {
    return db.jdbi()
        .withHandle(h -> h.createQuery("SELECT base::text FROM link").mapTo(String.class).one());
  }

  private static Customer withEmail(Customer c, String email) {
    return changed(c, c.name(), email);
  }

  @Test
  void edits_of_different_fields_on_both_sides_both_survive_on_both_sides() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of()));
    var onB = linkedCustomer(engine);
    var before = fx.source.get("1").orElseThrow().customer();

    fx.source.put("1", changed(before, "Renommé sur A ✨", before.email().orElseThrow()));
    fx.target.put(onB, withEmail(fx.target.get(onB).orElseThrow().customer(), "b-é@example.com"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    for (var side : java.util.List.of(fx.source.get("1"), fx.target.get(onB))) {
      var c = side.orElseThrow().customer();
      assertThat(c.name()).isEqualTo("Renommé sur A ✨");
      assertThat(c.email()).contains("b-é@example.com");
    }
    assertThat(conflictsOn("A")).isEmpty();
    assertThat(conflictsOn("B")).isEmpty();
    assertThat(base()).contains("Renommé sur A ✨").contains("b-é@example.com");

    var writes = fx.source.writeLog().size() + fx.target.writeLog().size();
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    assertThat(fx.source.writeLog().size() + fx.target.writeLog().size())
        .as("once both agree, nothing is written again")
        .isEqualTo(writes);
  }

  @Test
  void when_both_sides_changed_a_field_its_master_wins_on_both_and_the_loser_is_kept() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of("email", Side.B)));
    var onB = linkedCustomer(engine);

    fx.source.put("1", changed(FakeSystem.customer("Shop 1"), "Changed on A 🅰", "a@example.com"));
    fx.target.put(onB, changed(FakeSystem.customer("Shop 1"), "Changed on B 🅱", "b@example.com"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    for (var side : java.util.List.of(fx.source.get("1"), fx.target.get(onB))) {
      var c = side.orElseThrow().customer();
      assertThat(c.name()).as("A masters the record").isEqualTo("Changed on A 🅰");
      assertThat(c.email()).as("B masters the email").contains("b@example.com");
    }
    assertThat(conflictsOn("B"))
        .singleElement()
        .asString()
        .contains("Field name")
        .contains("source is master")
        .contains("\"Changed on B 🅱\" was dropped");
    assertThat(conflictsOn("A"))
        .singleElement()
        .asString()
        .contains("Field email")
        .contains("target is master")
        .contains("\"a@example.com\" was dropped");
  }

  @Test
  void a_dropped_value_is_listed_once_with_both_ids_until_a_person_acknowledges_it() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of()));
    var onB = linkedCustomer(engine);

    fx.source.put("1", changed(FakeSystem.customer("Shop 1"), "Été sur A ☀", "1@example.com"));
    fx.target.put(onB, changed(FakeSystem.customer("Shop 1"), "Hiver sur B ❄", "1@example.com"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    var open = fx.conflicts.conflicts(ConflictFilter.open());
    assertThat(open).as("one conflict, however many syncs see the agreed record").hasSize(1);
    var conflict = open.getFirst();
    assertThat(conflict.field()).isEqualTo("name");
    assertThat(conflict.master()).isEqualTo(Side.A);
    assertThat(conflict.aId()).isEqualTo("1");
    assertThat(conflict.bId()).isEqualTo(onB);
    assertThat(conflict.kept()).isEqualTo("\"Été sur A ☀\"");
    assertThat(conflict.dropped()).isEqualTo("\"Hiver sur B ❄\"");
    assertThat(conflict.open()).isTrue();
    assertThat(fx.conflicts.openByFlow()).containsExactly(Map.entry(EngineFixture.FLOW, 1));
    assertThat(fx.runLog.runs(EngineFixture.FLOW, 10).stream().mapToInt(r -> r.conflicts()).sum())
        .as("the runs count it")
        .isEqualTo(1);
    assertThat(
            fx.conflicts.conflicts(
                new ConflictFilter(Optional.empty(), Optional.of(onB), false, 10)))
        .as("found by the record's id on either side")
        .hasSize(1);
    assertThat(
            fx.conflicts.conflicts(
                new ConflictFilter(Optional.empty(), Optional.of("2"), false, 10)))
        .isEmpty();

    assertThat(fx.conflicts.acknowledge(List.of(conflict.id()), "ana", fx.clock.instant()))
        .isEqualTo(1);
    assertThat(fx.conflicts.acknowledge(List.of(conflict.id()), "ben", fx.clock.instant()))
        .as("already acknowledged")
        .isZero();
    assertThat(fx.conflicts.conflicts(ConflictFilter.open())).isEmpty();
    assertThat(fx.conflicts.openByFlow()).isEmpty();
    assertThat(
            fx.conflicts.conflicts(
                new ConflictFilter(Optional.empty(), Optional.empty(), true, 10)))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.acknowledgedBy()).contains("ana");
          assertThat(c.acknowledgedAt()).contains(fx.clock.instant());
        });

    fx.runLog.prune(fx.clock.instant().plus(Duration.ofDays(1)));
    assertThat(
            fx.conflicts.conflicts(
                new ConflictFilter(Optional.empty(), Optional.empty(), true, 10)))
        .as("an acknowledged conflict goes with the history it is part of")
        .isEmpty();
  }

  @Test
  void when_the_other_side_is_master_the_change_here_loses_and_is_kept() {
    var engine = fx.engine(EngineFixture.twoWay(Side.B, Map.of()));
    var onB = linkedCustomer(engine);

    fx.source.put("1", changed(FakeSystem.customer("Shop 1"), "Changed on A", "a@example.com"));
    fx.target.put(onB, changed(FakeSystem.customer("Shop 1"), "Changed on B", "b@example.com"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    assertThat(nameOn(fx.source, "1")).isEqualTo("Changed on B");
    assertThat(nameOn(fx.target, onB)).isEqualTo("Changed on B");
    assertThat(fx.target.writeLog()).as("A's change was not written to B").containsExactly("1");
    assertThat(conflictsOn("A"))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).contains("target is master"));
    assertThat(conflictsOn("A").getLast()).contains("\"Changed on A\" was dropped");
  }

  @Test
  void each_direction_maps_with_its_own_mapping_instead_of_the_flows() {
    var base = EngineFixture.twoWay(Side.A, Map.of());
    var flow =
        new dev.syncline.core.flow.FlowSettings(
                base.name(),
                base.recordType(),
                base.from(),
                base.to(),
                base.direction(),
                true,
                base.every(),
                Optional.empty(),
                Map.of("name", "$uppercase(name)"),
                base.valueMaps(),
                Optional.empty(),
                Side.A,
                Map.of(),
                10)
            .withRoute(
                Side.B,
                new dev.syncline.core.flow.RouteSettings(
                    Optional.of("name != 'Seulement sur B 🙈'"), Map.of(), base.valueMaps()));
    var engine = fx.engine(flow);
    var onB = linkedCustomer(engine);
    assertThat(nameOn(fx.target, onB)).as("forward keeps the flow's mapping").isEqualTo("SHOP 1");

    fx.target.put(onB, changed(FakeSystem.customer("Shop 1"), "Renommé sur B ✨", "b@example.com"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    assertThat(nameOn(fx.source, "1")).as("back maps with its own").isEqualTo("Renommé sur B ✨");
    assertThat(fx.target.writeLog()).as("A's echo is not sent back to B").containsExactly("1");

    fx.target.put("77", FakeSystem.customer("Seulement sur B 🙈"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    assertThat(fx.source.writeLog()).as("back filters with its own").containsExactly(onB);
  }

  @Test
  void an_edit_made_in_the_second_of_syncline_own_write_is_not_taken_for_its_echo() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of()));
    var onB = linkedCustomer(engine);

    // B is renamed; Syncline writes the name to A and handles that write's echo from A within one
    // second, and a person edits A's email in the same second: the edit carries the same
    // modification time as the echo Syncline already handled.
    fx.target.put(onB, EngineFixture.renamed(fx.target.get(onB).orElseThrow().customer(), "Zoë"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    assertThat(nameOn(fx.source, "1")).isEqualTo("Zoë");
    fx.sync(engine);
    fx.source.put(
        "1", withEmail(fx.source.get("1").orElseThrow().customer(), "zoë-🌿@example.com"));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    assertThat(fx.target.get(onB).orElseThrow().customer().email())
        .as("the person's edit of A reached B")
        .contains("zoë-🌿@example.com");
    assertThat(nameOn(fx.target, onB)).isEqualTo("Zoë");
  }

  @Test
  void a_stale_base_is_moved_when_both_sides_are_found_to_hold_the_same_record() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of()));
    var onB = linkedCustomer(engine);
    // Both sides hold "Shop 1" while the link's base says otherwise, as when two jobs wrote the
    // same merge at once and the later left the base of the earlier behind.
    db.jdbi()
        .useHandle(
            h -> h.execute("UPDATE link SET base = jsonb_set(base, '{name}', '\"Ancien nom ⌛\"')"));
    fx.source.put("1", fx.source.get("1").orElseThrow().customer());
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    assertThat(base()).as("the base is what both sides hold").contains("Shop 1");

    // A later edit of B's name alone then flows, rather than read as both sides changing it (A
    // would win, as master, and B's edit would be lost).
    fx.target.put(
        onB, EngineFixture.renamed(fx.target.get(onB).orElseThrow().customer(), "Nouveau ✅"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    assertThat(nameOn(fx.source, "1")).isEqualTo("Nouveau ✅");
    assertThat(nameOn(fx.target, onB)).isEqualTo("Nouveau ✅");
    assertThat(conflictsOn("A")).isEmpty();
    assertThat(conflictsOn("B")).isEmpty();
  }

  @Test
  void a_record_is_not_claimed_in_one_direction_while_its_job_of_the_other_runs() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of()));
    var onB = linkedCustomer(engine);
    var now = fx.clock.instant();
    var lease = Duration.ofMinutes(5);
    var run = fx.runLog.startRun(EngineFixture.FLOW, "test", "node-1", now);
    fx.jobQueue.enqueueNow(EngineFixture.FLOW, Side.A, "1", run, now);
    fx.jobQueue.enqueueNow(EngineFixture.FLOW, Side.B, onB, run, now);

    assertThat(fx.jobQueue.claim(EngineFixture.FLOW, Side.A, "node-1", 10, now, lease))
        .singleElement()
        .extracting(dev.syncline.core.port.Job::sourceId)
        .isEqualTo("1");
    assertThat(fx.jobQueue.claim(EngineFixture.FLOW, Side.B, "node-2", 10, now, lease))
        .as("B's job of the same record waits while A's runs: both would move the base")
        .isEmpty();
    var later = now.plus(lease).plusSeconds(1);
    assertThat(fx.jobQueue.claim(EngineFixture.FLOW, Side.B, "node-2", 10, later, lease))
        .as("once A's lease ended, B's job is taken")
        .singleElement()
        .extracting(dev.syncline.core.port.Job::sourceId)
        .isEqualTo(onB);
  }

  @Test
  void a_conflict_both_directions_meet_at_once_is_listed_once() {
    var engine = fx.engine(EngineFixture.twoWay(Side.A, Map.of()));
    var onB = linkedCustomer(engine);
    var lost =
        new dev.syncline.core.port.Conflict.Lost(
            "name",
            Side.B,
            "\"Café ☕\"",
            "\"Thé 🍵\"",
            "Customer 1: the name changed on both sides");
    // The first writes of a record found on both sides: each direction merges the same difference.
    for (var side : List.of(Side.A, Side.B, Side.A)) {
      var sourceId = side == Side.A ? "1" : onB;
      var targetId = side == Side.A ? onB : "1";
      var written =
          new dev.syncline.core.port.Outcome.Written(
              targetId,
              false,
              dev.syncline.core.port.RemoteState.SYNCED,
              fx.clock.instant(),
              Optional.empty(),
              new dev.syncline.core.port.TargetRecord(Map.of("name", "Café ☕")),
              "hash",
              List.of(),
              Optional.empty(),
              Optional.empty(),
              List.of(lost));
      var now = fx.clock.instant();
      var run = fx.runLog.startRun(EngineFixture.FLOW, "schedule", "node-1", now);
      fx.jobQueue.enqueueNow(EngineFixture.FLOW, side, sourceId, run, now);
      var job =
          fx.jobQueue
              .claim(EngineFixture.FLOW, side, "node-1", 1, now, Duration.ofMinutes(1))
              .getFirst();
      fx.jobQueue.record(
          EngineFixture.FLOW,
          side,
          "node-1",
          List.of(new dev.syncline.core.port.JobResult(job, written)),
          now);
    }

    assertThat(fx.conflicts.conflicts(ConflictFilter.open()))
        .as("the same dropped value, still open, is one conflict")
        .singleElement()
        .satisfies(c -> assertThat(c.dropped()).isEqualTo("\"Thé 🍵\""));
    assertThat(conflictsOn("B")).hasSize(1);
  }
}
