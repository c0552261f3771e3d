package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.testing.SettableClock;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StoreLimitersTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  @Test
  void two_nodes_together_never_run_more_calls_at_once_than_the_limit() throws Exception {
    var nodeOne =
        new StoreLimiters(db.jdbi(), InstantSource.system())
            .concurrency("netsuite:1234567_SB1", 5, Duration.ofMinutes(1));
    var nodeTwo =
        new StoreLimiters(db.jdbi(), InstantSource.system())
            .concurrency("netsuite:1234567_SB1", 5, Duration.ofMinutes(1));
    var running = new AtomicInteger();
    var peak = new AtomicInteger();
    var release = new CountDownLatch(1);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var i = 0; i < 30; i++) {
        var limiter = i % 2 == 0 ? nodeOne : nodeTwo;
        executor.submit(() -> {
          try (var permit = limiter.acquire(1)) {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            release.await();
            running.decrementAndGet();
          }
          return null;
        });
      }
      await().until(() -> running.get() == 5);
      assertThat(nodeOne.tryAcquire(1, Duration.ZERO)).isEmpty();
      assertThat(nodeTwo.tryAcquire(1, Duration.ZERO)).isEmpty();
      release.countDown();
    }
    assertThat(peak.get()).isEqualTo(5);
    // Slots the other node no longer uses go back to the database within moments.
    var all = new java.util.ArrayList<dev.syncline.core.limit.Limiter.Permit>();
    for (var i = 0; i < 5; i++) {
      all.add(nodeOne.tryAcquire(1, Duration.ofSeconds(10)).orElseThrow());
    }
    assertThat(all).as("every slot came back").hasSize(5);
    all.forEach(dev.syncline.core.limit.Limiter.Permit::close);
  }

  @Test
  void a_node_leases_slots_in_blocks_so_the_database_sees_a_few_statements_for_many_calls()
      throws Exception {
    var limiters = new StoreLimiters(db.jdbi(), InstantSource.system());
    var limiter = limiters.concurrency("netsuite:blocks", 5, Duration.ofMinutes(1));
    var running = new AtomicInteger();
    var peak = new AtomicInteger();
    var calls = new AtomicInteger();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var t = 0; t < 8; t++) {
        executor.submit(() -> {
          for (var i = 0; i < 250; i++) {
            try (var permit = limiter.acquire(1)) {
              peak.accumulateAndGet(running.incrementAndGet(), Math::max);
              calls.incrementAndGet();
              running.decrementAndGet();
            }
          }
          return null;
        });
      }
    }

    assertThat(calls.get()).isEqualTo(2000);
    assertThat(peak.get()).isLessThanOrEqualTo(5);
    assertThat((double) limiters.concurrencyStatements() / calls.get())
        .as("statements per call")
        .isLessThanOrEqualTo(0.05);
  }

  @Test
  void a_node_that_keeps_calling_still_lets_another_node_take_its_turn() throws Exception {
    var busy =
        new StoreLimiters(db.jdbi(), InstantSource.system())
            .concurrency("netsuite:turns", 1, Duration.ofMinutes(1));
    var other =
        new StoreLimiters(db.jdbi(), InstantSource.system())
            .concurrency("netsuite:turns", 1, Duration.ofMinutes(1));
    var stop = new AtomicBoolean();
    var done = new AtomicInteger();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      executor.submit(() -> {
        while (!stop.get()) {
          try (var permit = busy.acquire(1)) {
            done.incrementAndGet();
          }
        }
        return null;
      });
      await().until(() -> done.get() > 100);

      // The busy node gives its slot back every ten seconds, and leaves it to others for a moment.
      var turn = other.tryAcquire(1, Duration.ofSeconds(35));
      stop.set(true);
      assertThat(turn).as("the other node's turn").isPresent();
      turn.get().close();
    }
  }

  @Test
  void a_slot_held_by_a_node_that_died_comes_back_after_its_lease() throws Exception {
    var clock = SettableClock.at("2026-01-01T00:00:00Z");
    var limiter =
        new StoreLimiters(db.jdbi(), clock)
            .concurrency("netsuite:lease", 1, Duration.ofSeconds(60));
    limiter.acquire(1); // never closed: its holder died

    assertThat(limiter.tryAcquire(1, Duration.ZERO)).isEmpty();
    var survivor =
        new StoreLimiters(db.jdbi(), clock)
            .concurrency("netsuite:lease", 1, Duration.ofSeconds(60));
    assertThat(survivor.tryAcquire(1, Duration.ZERO)).isEmpty();
    // The lease: the longest hold, the ten seconds a slot takes new calls, and five more.
    clock.advance(Duration.ofSeconds(74));
    assertThat(survivor.tryAcquire(1, Duration.ZERO)).as("within its lease").isEmpty();
    assertThat(limiter.tryAcquire(1, Duration.ZERO)).as("within its lease").isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(survivor.tryAcquire(1, Duration.ZERO)).isPresent();
  }

  @Test
  void two_nodes_together_spend_at_most_the_budget_within_any_span() throws Exception {
    var clock = SettableClock.at("2026-01-01T00:00:00Z");
    var nodeOne =
        new StoreLimiters(db.jdbi(), clock)
            .slidingWindow("joor:4001", 300, Duration.ofSeconds(302));
    var nodeTwo =
        new StoreLimiters(db.jdbi(), clock)
            .slidingWindow("joor:4001", 300, Duration.ofSeconds(302));

    for (var i = 0; i < 30; i++) {
      nodeOne.acquire(5);
      nodeTwo.acquire(5);
    }
    assertThat(nodeOne.tryAcquire(1, Duration.ZERO)).isEmpty();
    assertThat(nodeTwo.tryAcquire(1, Duration.ZERO)).isEmpty();

    var granted = new AtomicBoolean();
    var waiter =
        Thread.ofVirtual()
            .start(() -> {
              try {
                nodeTwo.acquire(5);
                granted.set(true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    clock.advance(Duration.ofSeconds(301));
    assertThat(nodeOne.tryAcquire(1, Duration.ZERO)).isEmpty();
    assertThat(granted).isFalse();
    clock.advance(Duration.ofSeconds(1));
    await().untilTrue(granted);
    waiter.join();
  }

  @Test
  void a_caller_waiting_for_credits_says_until_when_for_every_node_to_see() throws Exception {
    var clock = SettableClock.at("2026-01-01T00:00:00Z");
    var limiters = new StoreLimiters(db.jdbi(), clock);
    var limiter = limiters.slidingWindow("joor:waits", 5, Duration.ofSeconds(60));
    var spentAt = clock.instant();
    limiter.acquire(5);
    assertThat(limiters.waits(clock.instant()))
        .as("nobody waits yet")
        .doesNotContainKey("joor:waits");

    var granted = new AtomicBoolean();
    var waiter =
        Thread.ofVirtual()
            .start(() -> {
              try {
                limiter.acquire(5);
                granted.set(true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    var otherNode = new StoreLimiters(db.jdbi(), clock);
    await()
        .untilAsserted(() ->
            assertThat(otherNode.waits(clock.instant()))
                .containsEntry("joor:waits", spentAt.plusSeconds(60)));

    clock.advance(Duration.ofSeconds(61));
    await().untilTrue(granted);
    waiter.join();
    assertThat(otherNode.waits(clock.instant())).doesNotContainKey("joor:waits");
  }
}
