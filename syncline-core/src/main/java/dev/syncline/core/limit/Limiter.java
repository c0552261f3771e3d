package dev.syncline.core.limit;

import java.time.Duration;

/**
 * Permits for calls to one remote account, shared by every flow that calls it (and, in the store's
 * implementation, by every node). A client takes a permit before each remote call, sized in the
 * remote's own unit (one concurrent request; five JOOR credits for a write), and closes it when the
 * call is over.
 *
 * <p>Implementations never hand out more than the remote allows, and block the caller until they
 * can. Callers run on virtual threads, so blocking is cheap.
 */
public interface Limiter {

  /** Waits until {@code units} may be spent, then takes them. */
  Permit acquire(int units) throws InterruptedException;

  /** Takes {@code units} if that is possible within {@code timeout}; an empty permit otherwise. */
  java.util.Optional<Permit> tryAcquire(int units, Duration timeout) throws InterruptedException;

  /**
   * A limiter that never waits, for systems without limits and for tests that are not about limits.
   */
  static Limiter unlimited() {
    return Limiters.UNLIMITED;
  }

  /**
   * Units held while one call is under way; closing returns what the limiter gives back
   * (concurrency).
   */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }
}
