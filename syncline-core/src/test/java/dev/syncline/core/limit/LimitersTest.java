package dev.syncline.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.testing.SettableClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitersTest {

  @Test
  void concurrency_never_lets_more_calls_run_at_once_than_the_limit() throws Exception {
    var limiter = Limiters.concurrency(3);
    var running = new AtomicInteger();
    var peak = new AtomicInteger();
    var release = new CountDownLatch(1);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var i = 0; i < 20; i++) {
        executor.submit(() -> {
          try (var permit = limiter.acquire(1)) {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            release.await();
            running.decrementAndGet();
          }
          return null;
        });
      }
      await().until(() -> running.get() == 3);
      assertThat(limiter.tryAcquire(1, Duration.ZERO)).as("the fourth must wait").isEmpty();
      release.countDown();
    }
    assertThat(peak.get()).isEqualTo(3);
    assertThat(limiter.tryAcquire(3, Duration.ZERO)).as("all permits came back").isPresent();
  }

  @Test
  void closing_a_concurrency_permit_twice_gives_back_its_units_once() throws Exception {
    var limiter = Limiters.concurrency(1);
    var permit = limiter.acquire(1);
    permit.close();
    permit.close();

    var held = limiter.acquire(1);
    assertThat(limiter.tryAcquire(1, Duration.ZERO)).isEmpty();
    held.close();
  }

  @Test
  void fixed_window_spends_the_budget_then_waits_for_the_next_window() throws Exception {
    var clock = SettableClock.at("2026-01-01T00:00:00Z");
    var limiter = Limiters.fixedWindow(300, Duration.ofSeconds(300), clock);

    for (var i = 0; i < 60; i++) {
      limiter.acquire(5); // sixty writes of 5 credits
    }
    assertThat(limiter.tryAcquire(1, Duration.ZERO)).as("the window is spent").isEmpty();

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
    clock.advance(Duration.ofSeconds(299));
    assertThat(limiter.tryAcquire(1, Duration.ZERO)).as("one second before the refill").isEmpty();
    assertThat(granted).isFalse();

    clock.advance(Duration.ofSeconds(1));
    await().untilTrue(granted);
    waiter.join();
  }

  @Test
  void a_permit_larger_than_the_limit_is_refused_at_once() {
    assertThatThrownBy(() ->
            Limiters.fixedWindow(
                    300, Duration.ofSeconds(300), SettableClock.at("2026-01-01T00:00:00Z"))
                .acquire(301))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("can never be granted");
  }
}
