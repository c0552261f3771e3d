package dev.syncline.store.engine;

import static dev.syncline.store.engine.EngineFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.flow.Side;
import dev.syncline.core.port.Wait;
import dev.syncline.core.port.Wait.Reason;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a flow's records that nobody works on wait for, as the engine leaves them. */
class WaitingTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
  }

  @Test
  void a_record_retried_after_a_fault_says_it_retries_at_its_next_attempt() {
    fx.customers(2);
    fx.target.writeFault(() ->
        Optional.of(
            new RetryableSyncException.RemoteUnavailable(
                "fake", "Zoë's shop is down for a moment ☕", Optional.empty(), null)));
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);

    var now = fx.clock.instant();
    var job = fx.jobQueue.job(FLOW, Side.A, "1", now).orElseThrow();
    assertThat(job.waiting())
        .hasValueSatisfying(w -> {
          assertThat(w.reason()).isEqualTo(Reason.RETRY);
          assertThat(w.until()).isEqualTo(job.nextAttemptAt()).isAfter(now);
          assertThat(w.error()).contains("Zoë's shop is down for a moment ☕");
        });
    var waits = fx.jobQueue.waits(FLOW, now);
    assertThat(waits)
        .singleElement()
        .satisfies(w -> {
          assertThat(w.reason()).isEqualTo(Reason.RETRY);
          assertThat(w.records()).isEqualTo(2);
        });

    fx.target.writeFault(Optional::empty);
    fx.clock.advance(Duration.ofMinutes(1));
    fx.sync(engine);
    assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant())).as("written at last").isEmpty();
  }

  @Test
  void a_record_refused_for_a_rate_limit_waits_for_credits_as_long_as_the_remote_asked() {
    fx.customers(1);
    fx.target.writeFault(() ->
        Optional.of(
            new RetryableSyncException.RateLimited(
                "fake",
                "The fake system has no credits left",
                Optional.of(Duration.ofMinutes(4)),
                Optional.empty())));
    var engine = fx.engine(EngineFixture.oneWay());
    var before = fx.clock.instant();

    fx.sync(engine);

    assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant()))
        .singleElement()
        .satisfies(w -> {
          assertThat(w.reason()).isEqualTo(Reason.CREDITS);
          assertThat(w.until()).isEqualTo(before.plus(Duration.ofMinutes(4)));
          assertThat(w.error()).contains("The fake system has no credits left");
        });
  }

  @Test
  void the_batch_of_a_node_that_died_waits_for_its_lease_with_the_time_left_then_is_taken_over() {
    fx.customers(3);
    var a = fx.engine(EngineFixture.oneWay(), "node-a");
    a.scan(FLOW, "schedule");
    // node-b claims the batch as its worker would, and dies before it records anything.
    var lease = EngineFixture.settings("node-b").jobLease();
    var claimedAt = fx.clock.instant();
    assertThat(fx.jobQueue.claim(FLOW, Side.A, "node-b", 10, claimedAt, lease)).hasSize(3);

    fx.clock.advance(Duration.ofMinutes(2));
    assertThat(a.drain(FLOW)).as("node-a cannot take them yet").isZero();
    var now = fx.clock.instant();
    assertThat(fx.jobQueue.waits(FLOW, now))
        .singleElement()
        .satisfies(w -> {
          assertThat(w.reason()).isEqualTo(Reason.LEASE);
          assertThat(w.node()).contains("node-b");
          assertThat(w.records()).isEqualTo(3);
          assertThat(w.until()).isEqualTo(claimedAt.plus(lease));
          assertThat(w.left()).isEqualTo(Duration.ofMinutes(3));
        });
    assertThat(fx.jobQueue.job(FLOW, Side.A, "2", now).orElseThrow().waiting())
        .map(Wait::reason)
        .contains(Reason.LEASE);

    fx.clock.advance(Duration.ofMinutes(3).plusSeconds(1));
    assertThat(a.drain(FLOW)).as("the lease has ended: node-a takes over").isEqualTo(3);
    assertThat(fx.target.writeLog()).containsExactlyInAnyOrder("1", "2", "3");
    assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant())).isEmpty();
  }

  @Test
  void a_running_node_says_it_is_alive_so_its_long_batch_is_not_taken_for_a_dead_nodes() {
    fx.customers(1);
    var a = fx.engine(EngineFixture.oneWay(), "node-a");
    a.scan(FLOW, "schedule");
    fx.jobQueue.claim(FLOW, Side.A, "node-a", 10, fx.clock.instant(), Duration.ofMinutes(5));
    fx.clock.advance(Duration.ofMinutes(2));
    assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant())).as("not heard from").hasSize(1);

    try (a) {
      a.start();
      await()
          .untilAsserted(() -> assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant())).isEmpty());
    }
  }
}
