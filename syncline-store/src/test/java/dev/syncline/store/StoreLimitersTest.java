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
    assertThat(nodeOne.tryAcquire(1, Duration.ZERO)).as("every slot came back").isPresent();
  }

  @Test
  void a_slot_held_by_a_node_that_died_comes_back_after_its_lease() throws Exception {
    var clock = SettableClock.at("2026-01-01T00:00:00Z");
    var limiter =
        new StoreLimiters(db.jdbi(), clock)
            .concurrency("netsuite:lease", 1, Duration.ofSeconds(60));
    limiter.acquire(1); // never closed: its holder died

    assertThat(limiter.tryAcquire(1, Duration.ZERO)).isEmpty();
    clock.advance(Duration.ofSeconds(64));
    assertThat(limiter.tryAcquire(1, Duration.ZERO)).as("within its lease").isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.tryAcquire(1, Duration.ZERO)).isPresent();
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
