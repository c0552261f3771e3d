package dev.syncline.core.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The in-process limiters: enough for one node; the store offers ones shared by every node. */
public final class Limiters {

  static final Limiter UNLIMITED =
      new Limiter() {
        @Override
        public Permit acquire(int units) {
          return () -> {};
        }

        @Override
        public Optional<Permit> tryAcquire(int units, Duration timeout) {
          return Optional.of(() -> {});
        }
      };

  private Limiters() {}

  /**
   * At most {@code limit} units at once; a permit's units come back when it is closed (NetSuite).
   */
  public static Limiter concurrency(int limit) {
    var semaphore = new Semaphore(limit, true);
    return new Limiter() {
      @Override
      public Permit acquire(int units) throws InterruptedException {
        checkUnits(units, limit);
        semaphore.acquire(units);
        return releasing(units);
      }

      @Override
      public Optional<Permit> tryAcquire(int units, Duration timeout) throws InterruptedException {
        checkUnits(units, limit);
        return semaphore.tryAcquire(units, timeout.toNanos(), TimeUnit.NANOSECONDS)
            ? Optional.of(releasing(units))
            : Optional.empty();
      }

      private Permit releasing(int units) {
        var released = new AtomicBoolean();
        return () -> {
          if (released.compareAndSet(false, true)) {
            semaphore.release(units);
          }
        };
      }
    };
  }

  /**
   * At most {@code budget} units within any span of {@code span}. A remote's fixed windows (JOOR:
   * 300 credits per 300 seconds) start when the remote counts a call, a little after we took its
   * units, so no fixed window of ours lines up with theirs; a sliding span of the window plus a
   * guard keeps every one of theirs within budget, as long as a call reaches the remote within the
   * guard.
   */
  public static Limiter slidingWindow(int budget, Duration span, InstantSource clock) {
    return new SlidingWindowLimiter(budget, span, clock);
  }

  private static void checkUnits(int units, int limit) {
    if (units < 1 || units > limit) {
      throw new IllegalArgumentException(
          "A permit of " + units + " units can never be granted by a limit of " + limit);
    }
  }

  private static final class SlidingWindowLimiter implements Limiter {
    private record Spend(Instant at, int units) {}

    private final int budget;
    private final Duration span;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final ArrayDeque<Spend> spends = new ArrayDeque<>();
    private int spent;

    SlidingWindowLimiter(int budget, Duration span, InstantSource clock) {
      this.budget = budget;
      this.span = span;
      this.clock = clock;
    }

    @Override
    public Permit acquire(int units) throws InterruptedException {
      return tryAcquire(units, Duration.ofDays(365)).orElseThrow();
    }

    @Override
    public Optional<Permit> tryAcquire(int units, Duration timeout) throws InterruptedException {
      checkUnits(units, budget);
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
}
