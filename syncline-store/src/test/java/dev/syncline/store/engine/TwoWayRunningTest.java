package dev.syncline.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.flow.Side;
import dev.syncline.core.model.Customer;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A two-way flow in a started engine (scheduler and workers live), both sides editing the same
 * records round after round: every edit reaches both sides, no record is made twice (the creates'
 * own records showing up on the other side before their links are recorded), and once the edits
 * stop nothing is written again.
 */
class TwoWayRunningTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final int RECORDS = 3;
  private static final int ROUNDS = 4;

  private final EngineFixture fx = new EngineFixture(db);

  private static Customer withEmail(Customer c, String email) {
    return new Customer(
        c.name(),
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

  private int writes() {
    return fx.source.writeLog().size() + fx.target.writeLog().size();
  }

  /** Waits for the live engine, letting a scan's worth of time pass on every look. */
  private void untilBothHold(String name, String email) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> {
          fx.clock.advance(Duration.ofSeconds(61));
          for (var i = 1; i <= RECORDS; i++) {
            var onB = fx.target.targetIdOf(Integer.toString(i));
            assertThat(onB).isPresent();
            for (var side :
                new Customer[] {
                  fx.source.get(Integer.toString(i)).orElseThrow().customer(),
                  fx.target.get(onB.get()).orElseThrow().customer()
                }) {
              assertThat(side.name()).isEqualTo(name.formatted(i));
              assertThat(side.email()).contains(email.formatted(i));
            }
          }
        });
    // Twice: a scan under way during the first wait has queued its jobs by the time the next
    // starts.
    settle();
    settle();
  }

  /**
   * Waits until the echoes of the last writes were scanned and handled: an edit made while Syncline
   * holds a record between reading and writing it is overwritten, as no target offers a conditional
   * write, so the edits of a round start once no job is under way.
   */
  private void settle() {
    var scans = fx.source.scans() + fx.target.scans();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> {
          fx.clock.advance(Duration.ofSeconds(61));
          assertThat(fx.source.scans() + fx.target.scans()).isGreaterThan(scans + 4);
          assertThat(fx.jobQueue.backlog(EngineFixture.FLOW).records()).isZero();
        });
  }

  @Test
  void both_sides_editing_the_same_records_lose_no_edit_and_stop_writing_once_they_agree() {
    for (var i = 1; i <= RECORDS; i++) {
      fx.source.put(
          Integer.toString(i), withEmail(FakeSystem.customer("Shop " + i), i + "@example.com"));
    }
    fx.clock.advance(Duration.ofSeconds(10));
    try (var engine =
        new dev.syncline.core.engine.SyncEngine(
            fx.schedule,
            fx.jobQueue,
            fx.runLog,
            fx.links,
            java.util.List.of(fx.flow(EngineFixture.twoWay(Side.A, Map.of()))),
            fx.clock,
            EngineFixture.settings("node-1").withTick(Duration.ofMillis(100)))) {
      engine.start();
      untilBothHold("Shop %d", "%d@example.com");

      for (var round = 1; round <= ROUNDS; round++) {
        for (var i = 1; i <= RECORDS; i++) {
          var id = Integer.toString(i);
          var onB = fx.target.targetIdOf(id).orElseThrow();
          fx.source.put(
              id,
              EngineFixture.renamed(
                  fx.source.get(id).orElseThrow().customer(), "Boutique " + i + " ✨ " + round));
          fx.target.put(
              onB,
              withEmail(
                  fx.target.get(onB).orElseThrow().customer(),
                  "r" + round + "-" + i + "-é@example.com"));
        }
        fx.clock.advance(Duration.ofSeconds(1));
        untilBothHold("Boutique %d ✨ " + round, "r" + round + "-%d-é@example.com");
      }

      assertThat(fx.source.size()).as("no record made twice on A").isEqualTo(RECORDS);
      assertThat(fx.target.size()).as("nor on B").isEqualTo(RECORDS);
      var settled = writes();
      settle();
      settle();
      assertThat(writes()).as("no write ping-pong once both sides agree").isEqualTo(settled);
      assertThat(settled)
          .as("a create per record, then per round at most one write to each side")
          .isLessThanOrEqualTo(RECORDS + 2 * RECORDS * ROUNDS);
    }
  }
}
