package dev.syncline.joor.client;

import dev.syncline.core.limit.Limiter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * JOOR's credits, kept on our side so that JOOR never has to refuse a call (joor.md §1.6: 300
 * credits per fixed 300-second window per account).
 *
 * <p>JOOR's window starts when JOOR counts a request, a little after we took its credits, so a
 * fixed window of our own can never line up with JOOR's: a request taken near the end of our window
 * may land at the start of JOOR's next one, on top of a full budget. This limiter therefore counts
 * over a sliding span of the window plus a guard: any {@code window + guard} never holds more than
 * the budget. Every JOOR window then receives only requests taken within {@code window + guard} of
 * each other, as long as a request reaches JOOR within {@code guard} of taking its credits. The
 * price is a pause of at most one guard per window.
 */
public final class JoorCreditLimiter implements Limiter {

  private record Spend(Instant at, int units) {}

  private final int budget;
  private final Duration span;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private final ArrayDeque<Spend> spends = new ArrayDeque<>();
  private int spent;

  private JoorCreditLimiter(int budget, Duration span, InstantSource clock) {
    this.budget = budget;
    this.span = span;
    this.clock = clock;
  }

  /** One account's limiter, for one node; share it between every client of that account. */
  public static JoorCreditLimiter forAccount(JoorConfig.RateLimit limit, InstantSource clock) {
    return new JoorCreditLimiter(limit.budget(), limit.window().plus(limit.guard()), clock);
  }

  @Override
  public Permit acquire(int units) throws InterruptedException {
    return tryAcquire(units, Duration.ofDays(365)).orElseThrow();
  }

  @Override
  public Optional<Permit> tryAcquire(int units, Duration timeout) throws InterruptedException {
    if (units < 1 || units > budget) {
      throw new IllegalArgumentException(
          "A call of " + units + " credits can never fit a budget of " + budget);
    }
    var deadline = clock.instant().plus(timeout);
    lock.lock();
    try {
      while (true) {
        var now = clock.instant();
        while (!spends.isEmpty() && !spends.peekFirst().at().plus(span).isAfter(now)) {
          spent -= spends.pollFirst().units();
        }
        if (spent + units <= budget) {
          spends.addLast(new Spend(now, units));
          spent += units;
          freed.signalAll();
          return Optional.of(() -> {});
        }
        if (!now.isBefore(deadline)) {
          return Optional.empty();
        }
        var next = spends.peekFirst().at().plus(span);
        var until = next.isBefore(deadline) ? next : deadline;
        // Re-reads the clock at least every 50 ms, so that a test clock moved by hand is noticed.
        freed.await(
            Math.clamp(Duration.between(now, until).toMillis(), 1, 50), TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }
}
