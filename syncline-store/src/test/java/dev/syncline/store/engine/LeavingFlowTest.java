package dev.syncline.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.flow.OnLeave;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.LinkState;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What leaving a flow does on the target, and a source record that replaces another. */
class LeavingFlowTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
    fx.source.leavesFlowWhen(c ->
        c.name().startsWith("Fermé") ? Optional.of("is closed 🚪 in source") : Optional.empty());
  }

  private dev.syncline.core.port.Link link(String id) {
    return fx.links.links(RecordType.CUSTOMER, "source", "target", List.of(id)).get(id);
  }

  @Test
  void a_flow_that_propagates_leaving_deactivates_the_records_that_left_in_one_call() {
    fx.target.deactivatesOnLeave();
    fx.customers(3);
    var engine = fx.engine(EngineFixture.oneWay().withOnLeave(OnLeave.PROPAGATE));
    fx.sync(engine);

    fx.source.put("1", FakeSystem.customer("Fermé Café 1"));
    fx.source.put("2", FakeSystem.customer("Fermé Café 2"));
    fx.clock.advance(Duration.ofSeconds(5));
    fx.sync(engine);

    var onTarget = List.of("1", "2").stream().map(id -> fx.target.targetIdOf(id).orElseThrow());
    assertThat(fx.target.leaveCalls())
        .singleElement()
        .satisfies(call -> assertThat(call).containsExactlyInAnyOrderElementsOf(onTarget.toList()));
    for (var id : List.of("1", "2")) {
      assertThat(link(id).state()).isEqualTo(LinkState.UNLINKED);
      assertThat(link(id).detail())
          .contains("Fermé Café " + id + ") is closed 🚪 in source")
          .contains(
              "record "
                  + fx.target.targetIdOf(id).orElseThrow()
                  + " there was deactivated on target");
    }
    assertThat(link("3").state()).isEqualTo(LinkState.SYNCED);
  }

  @Test
  void a_flow_that_unlinks_on_leaving_changes_nothing_on_the_target_even_where_it_could() {
    fx.target.deactivatesOnLeave();
    fx.customers(1);
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);

    fx.source.put("1", FakeSystem.customer("Fermé Café 1"));
    fx.clock.advance(Duration.ofSeconds(5));
    fx.sync(engine);

    assertThat(fx.target.leaveCalls()).isEmpty();
    assertThat(link("1").state()).isEqualTo(LinkState.UNLINKED);
    assertThat(link("1").detail()).contains("delete code").doesNotContain("deactivated");
  }

  @Test
  void a_failed_deactivation_retries_and_keeps_the_link() {
    fx.target.deactivatesOnLeave();
    fx.customers(1);
    var engine = fx.engine(EngineFixture.oneWay().withOnLeave(OnLeave.PROPAGATE));
    fx.sync(engine);
    fx.target.writeFault(() -> Optional.of(FakeSystem.unavailable()));

    fx.source.put("1", FakeSystem.customer("Fermé Café 1"));
    fx.clock.advance(Duration.ofSeconds(5));
    fx.sync(engine);

    assertThat(fx.target.leaveCalls()).isEmpty();
    assertThat(link("1").state()).isEqualTo(LinkState.SYNCED);
  }

  @Test
  void a_record_that_replaces_another_updates_the_same_target_record_and_takes_over_its_link() {
    fx.customers(1);
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);
    var onTarget = fx.target.targetIdOf("1").orElseThrow();

    fx.source.replace("1", "2", FakeSystem.customer("Shop 1 — édité ✏️"));
    fx.clock.advance(Duration.ofSeconds(5));
    fx.sync(engine);

    assertThat(fx.target.written()).as("no second record on the target").hasSize(1);
    assertThat(fx.target.get(onTarget).orElseThrow().customer().name())
        .isEqualTo("Shop 1 — édité ✏️");
    assertThat(fx.target.writeLog()).containsExactly("1", "2");
    assertThat(link("1")).as("the old id is no longer linked").isNull();
    assertThat(link("2").to().id()).isEqualTo(onTarget);
    assertThat(link("2").state()).isEqualTo(LinkState.SYNCED);
  }
}
