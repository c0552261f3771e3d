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
  void a_sliding_window_never_grants_more_than_the_budget_within_any_span() throws Exception {
    var clock = SettableClock.at("2026-03-02T09:00:00Z");
    var limiter = Limiters.slidingWindow(10, Duration.ofSeconds(11), clock);

    assertThat(limiter.tryAcquire(5, Duration.ZERO)).isPresent();
    clock.advance(Duration.ofSeconds(6));
    assertThat(limiter.tryAcquire(5, Duration.ZERO)).isPresent();
    assertThat(limiter.tryAcquire(1, Duration.ZERO)).isEmpty();

    clock.advance(Duration.ofSeconds(4));
    assertThat(limiter.tryAcquire(1, Duration.ZERO))
        .as("ten seconds on, still within the span")
        .isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire(5, Duration.ZERO)).as("the first five aged out").isPresent();
    assertThat(limiter.tryAcquire(1, Duration.ZERO))
        .as("the second five are still within it")
        .isEmpty();
  }

  @Test
  void a_caller_waiting_on_a_sliding_window_gets_its_units_when_old_ones_age_out()
      throws Exception {
    var clock = SettableClock.at("2026-01-01T00:00:00Z");
    var limiter = Limiters.slidingWindow(300, Duration.ofSeconds(302), clock);
    for (var i = 0; i < 60; i++) {
      limiter.acquire(5); // sixty writes of 5 credits
    }

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
    clock.advance(Duration.ofSeconds(301));
    assertThat(limiter.tryAcquire(1, Duration.ZERO))
        .as("one second before the oldest ages out")
        .isEmpty();
    assertThat(granted).isFalse();

    clock.advance(Duration.ofSeconds(1));
    await().untilTrue(granted);
    waiter.join();
  }

  @Test
  void a_permit_larger_than_the_limit_is_refused_at_once() {
    assertThatThrownBy(() ->
            Limiters.slidingWindow(
                    300, Duration.ofSeconds(300), SettableClock.at("2026-01-01T00:00:00Z"))
                .acquire(301))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("can never be granted");
  }
}
