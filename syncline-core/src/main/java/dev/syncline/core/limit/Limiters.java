package dev.syncline.core.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
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
   * At most {@code budget} units per fixed window of {@code window}, the window starting at the
   * first spend and refilling whole when it ends (JOOR: 300 credits per 300 seconds). Spent units
   * never come back early.
   */
  public static Limiter fixedWindow(int budget, Duration window, InstantSource clock) {
    return new FixedWindowLimiter(budget, window, clock);
  }

  private static void checkUnits(int units, int limit) {
    if (units < 1 || units > limit) {
      throw new IllegalArgumentException(
          "A permit of " + units + " units can never be granted by a limit of " + limit);
    }
  }

  private static final class FixedWindowLimiter implements Limiter {
    private final int budget;
    private final Duration window;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private Instant windowStart;
    private int spent;

    FixedWindowLimiter(int budget, Duration window, InstantSource clock) {
      this.budget = budget;
      this.window = window;
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
          if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            spent = 0;
          }
          if (spent + units <= budget) {
            spent += units;
            return Optional.of(() -> {});
          }
          if (!now.isBefore(deadline)) {
            return Optional.empty();
          }
          var refill = windowStart.plus(window);
          var until = refill.isBefore(deadline) ? refill : deadline;
          // Re-reads the clock at least every 50 ms, so that a test clock moved by hand is noticed.
          var waitMillis = Math.clamp(Duration.between(now, until).toMillis(), 1, 50);
          waiting.await(waitMillis, TimeUnit.MILLISECONDS);
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
