package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.testing.SettableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JoorCreditLimiterTest {

  private final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  private final JoorCreditLimiter limiter =
      JoorCreditLimiter.forAccount(
          JoorConfig.RateLimit.joor().withBudget(10, Duration.ofSeconds(10), Duration.ofSeconds(1)),
          clock);

  private boolean take(int credits) throws InterruptedException {
    return limiter.tryAcquire(credits, Duration.ZERO).isPresent();
  }

  @Test
  void never_grants_more_than_the_budget_within_a_window_and_its_guard() throws Exception {
    assertThat(take(5)).isTrue();
    clock.advance(Duration.ofSeconds(6));
    assertThat(take(5)).isTrue();
    assertThat(take(1)).isFalse();

    clock.advance(Duration.ofSeconds(4));
    assertThat(take(1)).as("JOOR's window is over, but not the guard").isFalse();

    clock.advance(Duration.ofSeconds(1));
    assertThat(take(5)).as("the first five credits aged out").isTrue();
    assertThat(take(1)).as("the second five are still within the span").isFalse();
  }

  @Test
  void a_waiting_caller_gets_its_credits_when_old_ones_age_out() throws Exception {
    assertThat(take(10)).isTrue();
    var granted = new AtomicBoolean();
    var waiter =
        Thread.ofVirtual()
            .start(() -> {
              try {
                limiter.acquire(5).close();
                granted.set(true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });

    assertThat(granted).isFalse();
    clock.advance(Duration.ofSeconds(11));

    await().untilTrue(granted);
    waiter.join();
  }

  @Test
  void refuses_a_call_that_could_never_fit_the_budget() {
    assertThatThrownBy(() -> limiter.acquire(11))
        .hasMessageContaining("can never fit a budget of 10");
  }
}
