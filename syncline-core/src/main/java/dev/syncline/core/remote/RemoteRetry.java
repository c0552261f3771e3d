package dev.syncline.core.remote;

import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.SyncException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How every client tries one call again, within the call, before a failure goes up to the engine
 * (which retries the job later with {@code RetryPolicy}): a few attempts, exponential backoff with
 * jitter, and the wait the remote asked for when it said.
 *
 * <p>Only what time may fix is tried again ({@link RetryableSyncException}). A call that could
 * write twice if repeated (a create) is tried again only when the remote surely did not act on it:
 * it refused the rate, or the connection was never made. A wait longer than {@code longestWait} is
 * not taken here: the job waits in the queue instead of holding a worker.
 *
 * @param maxAttempts attempts of one call, the first included
 * @param firstBackoff the wait before the second attempt; it doubles per attempt
 * @param longestWait the longest wait between attempts, asked for or not
 */
public record RemoteRetry(int maxAttempts, Duration firstBackoff, Duration longestWait) {

  /** A few quick attempts: for calls a worker waits on. */
  public static final RemoteRetry DEFAULT =
      new RemoteRetry(3, Duration.ofMillis(250), Duration.ofSeconds(5));

  public RemoteRetry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (firstBackoff.isNegative() || longestWait.isNegative()) {
      throw new IllegalArgumentException("the waits between attempts must not be negative");
    }
  }

  /** Only one attempt: what fails goes up at once. */
  public static RemoteRetry once() {
    return new RemoteRetry(1, Duration.ZERO, Duration.ZERO);
  }

  /** Whether attempt {@code attempt} (1 for the first), failed with {@code e}, is tried again. */
  public boolean retries(int attempt, SyncException e, boolean idempotent) {
    return attempt < maxAttempts
        && e instanceof RetryableSyncException retryable
        && !(e.getCause() instanceof InterruptedException)
        && (idempotent || neverArrived(retryable))
        && retryable.retryAfter().map(wait -> wait.compareTo(longestWait) <= 0).orElse(true);
  }

  /** Whether the remote surely did not act on the call, so that repeating it cannot write twice. */
  public static boolean neverArrived(RetryableSyncException e) {
    return e instanceof RetryableSyncException.RateLimited
        || e.getCause() instanceof ConnectException;
  }

  /**
   * The wait after attempt {@code attempt} failed with {@code e}: what the remote asked for, with a
   * tenth of jitter so that callers do not come back together; else half to all of the doubled
   * backoff, never above {@code longestWait}.
   */
  public Duration backoff(int attempt, SyncException e, RandomGenerator random) {
    if (e instanceof RetryableSyncException retryable && retryable.retryAfter().isPresent()) {
      var asked = retryable.retryAfter().get().toMillis();
      return Duration.ofMillis(asked + random.nextLong(asked / 10 + 1));
    }
    var ceiling =
        Math.min(
            longestWait.toMillis(), firstBackoff.toMillis() * (1L << Math.min(attempt - 1, 20)));
    return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
  }
}
