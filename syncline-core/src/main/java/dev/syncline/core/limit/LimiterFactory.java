package dev.syncline.core.limit;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Makes the limiters of remote accounts, by name ({@code netsuite:1234567_SB1}). The store's
 * factory shares them among every node of one database; the in-process one serves a single process
 * and checks.
 */
public interface LimiterFactory {

  /** At most {@code limit} calls at once. */
  Limiter concurrency(String name, int limit);

  /** At most {@code budget} units per fixed window of {@code window}. */
  Limiter fixedWindow(String name, int budget, Duration window);

  /** Limiters for this process alone. */
  static LimiterFactory inProcess(InstantSource clock) {
    return new LimiterFactory() {
      @Override
      public Limiter concurrency(String name, int limit) {
        return Limiters.concurrency(limit);
      }

      @Override
      public Limiter fixedWindow(String name, int budget, Duration window) {
        return Limiters.fixedWindow(budget, window, clock);
      }
    };
  }
}
