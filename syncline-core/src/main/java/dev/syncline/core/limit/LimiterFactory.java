package dev.syncline.core.limit;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Makes the limiters of remote accounts, by name ({@code netsuite:1234567_SB1}). The store's
 * factory shares them among every node of one database; the in-process one serves a single process
 * and checks.
 */
public interface LimiterFactory {

  /**
   * At most {@code limit} calls at once. {@code longestHold} is the longest one call may hold its
   * permit (its timeout): a permit of a process that died is given back after it.
   */
  Limiter concurrency(String name, int limit, Duration longestHold);

  /**
   * At most {@code budget} units within any span of {@code span} (see {@link
   * Limiters#slidingWindow}).
   */
  Limiter slidingWindow(String name, int budget, Duration span);

  /** Limiters for this process alone. */
  static LimiterFactory inProcess(InstantSource clock) {
    return new LimiterFactory() {
      @Override
      public Limiter concurrency(String name, int limit, Duration longestHold) {
        return Limiters.concurrency(limit);
      }

      @Override
      public Limiter slidingWindow(String name, int budget, Duration span) {
        return Limiters.slidingWindow(budget, span, clock);
      }
    };
  }
}
